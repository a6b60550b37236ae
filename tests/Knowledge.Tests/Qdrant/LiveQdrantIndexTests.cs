using Qdrant.Client;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>Runs only when Qdrant__Endpoint is set; otherwise each test is reported as skipped, with the reason.</summary>
public sealed class LiveQdrantFactAttribute : FactAttribute
{
    public static readonly string? Endpoint = Environment.GetEnvironmentVariable("Qdrant__Endpoint");

    public LiveQdrantFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            Skip = "Live Qdrant suite: set Qdrant__Endpoint (e.g. http://localhost:6334) to run it against a real Qdrant";
        }
    }
}

/// <summary>The same scenarios as <see cref="FakeQdrantIndexTests"/>, against a real Qdrant (gRPC port, usually 6334).</summary>
public sealed class LiveQdrantIndexTests : IAsyncLifetime
{
    private QdrantClient? _client;
    private QdrantScenarios? _scenarios;

    private QdrantScenarios Scenarios => _scenarios ?? throw new InvalidOperationException("Qdrant__Endpoint is not set");

    public Task InitializeAsync()
    {
        if (!string.IsNullOrWhiteSpace(LiveQdrantFactAttribute.Endpoint))
        {
            _client = new QdrantClient(new Uri(LiveQdrantFactAttribute.Endpoint), Environment.GetEnvironmentVariable("Qdrant__ApiKey"));
            _scenarios = new QdrantScenarios(_client, $"dts-test-{Guid.NewGuid():N}"[..20]);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_scenarios is not null)
        {
            await _scenarios.CleanUpAsync();
        }

        _client?.Dispose();
    }

    [LiveQdrantFact]
    public Task Reindexing_unchanged_content_keeps_the_collection() => Scenarios.Reindexing_unchanged_content_keeps_the_collection();

    [LiveQdrantFact]
    public Task Reindexing_changed_content_switches_the_alias_and_drops_the_old_collection() => Scenarios.Reindexing_changed_content_switches_the_alias_and_drops_the_old_collection();

    [LiveQdrantFact]
    public Task Search_returns_passages_with_their_citation_payload() => Scenarios.Search_returns_passages_with_their_citation_payload();

    [LiveQdrantFact]
    public Task A_query_with_no_known_term_finds_nothing() => Scenarios.A_query_with_no_known_term_finds_nothing();

    [LiveQdrantFact]
    public Task With_dense_vectors_sparse_and_dense_hits_are_fused() => Scenarios.With_dense_vectors_sparse_and_dense_hits_are_fused();

    [LiveQdrantFact]
    public Task Searching_while_reindexing_never_fails_or_comes_back_empty() => Scenarios.Searching_while_reindexing_never_fails_or_comes_back_empty();
}
