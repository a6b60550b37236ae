using DtsAssistant.Knowledge.Qdrant;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Orchestration;

public sealed class EmbeddingEndpointTests : IAsyncLifetime
{
    private FakeOpenAiServer _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    [Fact]
    public async Task A_configured_embedding_endpoint_is_called_over_http_for_the_dense_vectors()
    {
        using var services = OrchestrationHost.Build(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = OrchestrationHost.RepositoryKnowledgeBase,
            ["Embeddings:Endpoint"] = _endpoint.Endpoint.ToString(),
            ["Embeddings:Model"] = "fake-embedder",
        });
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vectors = await generator.GenerateAsync(["chữ ký số", "sao lưu"]);

        Assert.Equal(2, vectors.Count);
        Assert.Equal(["chữ ký số".Length, 'c'], vectors[0].Vector.ToArray()[..2]);
        Assert.Equal("fake-embedder", Assert.Single(_endpoint.EmbeddingRequests)["model"]!.GetValue<string>());
    }

    [Fact]
    public void Without_qdrant_settings_the_qdrant_index_is_not_wired()
    {
        using var services = OrchestrationHost.Build(new Dictionary<string, string?> { ["Knowledge:Path"] = OrchestrationHost.RepositoryKnowledgeBase });

        Assert.Null(services.GetService<QdrantKnowledgeIndex>());
        Assert.Null(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }
}
