namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>The optional language model (section <c>Llm</c>): any OpenAI-compatible chat endpoint.</summary>
internal sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. http://localhost:11434/v1 (Ollama). Empty: no model.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Report figures go to the model only when this is true; otherwise the reporting functions are not offered to it.</summary>
    public bool AllowReportData { get; set; }

    /// <summary>The whole turn, all function-calling round trips included; past it the deterministic answer is sent.</summary>
    public double TurnTimeoutSeconds { get; set; } = 20;

    /// <summary>One HTTP attempt; a slow attempt is retried while the turn budget lasts.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 8;

    public int MaxRetries { get; set; } = 2;

    /// <summary>How many earlier messages (questions and answers) of the conversation the model sees.</summary>
    public int HistoryMessages { get; set; } = 6;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
