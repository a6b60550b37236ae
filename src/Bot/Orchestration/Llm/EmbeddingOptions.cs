namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>The optional embedding endpoint (section <c>Embeddings</c>) for Qdrant's dense vectors; OpenAI-compatible.</summary>
internal sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";

    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
