namespace DtsAssistant.Knowledge.Qdrant;

/// <summary>Settings of the Qdrant-backed knowledge index (section <c>Qdrant</c>); unused while Endpoint is empty.</summary>
public sealed class QdrantOptions
{
    public const string Section = "Qdrant";

    /// <summary>The gRPC endpoint, e.g. http://localhost:6334. Empty keeps the embedded index.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The alias answers are read through; each re-index builds a new collection behind it.</summary>
    public string Alias { get; set; } = "dts-knowledge";

    /// <summary>How many candidates each prefetch (sparse, dense) hands to the fusion step.</summary>
    public int PrefetchLimit { get; set; } = 50;

    public int TimeoutSeconds { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);
}
