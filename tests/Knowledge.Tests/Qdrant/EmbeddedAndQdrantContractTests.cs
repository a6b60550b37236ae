using DtsAssistant.Knowledge.Qdrant;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;
using DtsAssistant.Knowledge.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qdrant.Client;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>
/// The embedded index and the Qdrant index answer the same queries over the real knowledge base with the same top
/// results when only sparse vectors are used: same analyzer vectors, and Qdrant's IDF modifier supplies BM25's idf.
/// </summary>
public sealed class EmbeddedAndQdrantContractTests : IAsyncLifetime
{
    private const int Top = 5;
    private FakeQdrantServer _server = null!;
    private QdrantClient _client = null!;
    private KnowledgeIndexHolder _holder = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _client = new QdrantClient(_server.Endpoint);
        _holder = new KnowledgeIndexHolder(Options.Create(new KnowledgeOptions { Path = KnowledgeBaseLocator.Locate(null) }), NullLogger<KnowledgeIndexHolder>.Instance);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Queries made from the knowledge base itself: section headings and openings, with and without diacritics.</summary>
    private IEnumerable<string> QueriesFromTheKnowledgeBase()
    {
        var chunks = _holder.Current.Chunks;
        for (var i = 0; i < chunks.Count; i += 4)
        {
            var words = chunks[i].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var opening = string.Join(' ', words.Skip(words.Length / 3).Take(6));
            yield return opening;
            yield return VietnameseText.NormalizeAndFold(chunks[i].Heading);
        }
    }

    [Fact]
    public async Task Both_indexes_rank_the_knowledge_base_alike()
    {
        var embedded = new EmbeddedKnowledgeSearch(_holder);
        var index = new QdrantKnowledgeIndex(_client, Options.Create(new QdrantOptions { Endpoint = _server.Endpoint.ToString() }), new AnalyzerSparseEncoder(_holder), NullLogger<QdrantKnowledgeIndex>.Instance);
        var qdrant = new QdrantKnowledgeSearch(index, _holder);
        await qdrant.EnsureIndexedAsync(CancellationToken.None);

        var compared = 0;
        foreach (var query in QueriesFromTheKnowledgeBase().Where(q => q.Length > 0).Distinct())
        {
            var expected = embedded.Search(query, Top);
            var actual = qdrant.Search(query, Top);

            Assert.Equal(expected.Count, actual.Count);
            for (var rank = 0; rank < expected.Count; rank++)
            {
                Assert.True(Math.Abs(expected[rank].Score - actual[rank].Score) < 1e-3, $"'{query}' rank {rank}: embedded {expected[rank].ChunkId} {expected[rank].Score}, qdrant {actual[rank].ChunkId} {actual[rank].Score}");
                // Equal scores may come back in either order; anything else must be the same chunk at the same rank.
                if (Math.Abs(expected[rank].Score - actual[rank].Score) < 1e-3 && expected[rank].ChunkId != actual[rank].ChunkId)
                {
                    Assert.Contains(expected, p => p.ChunkId == actual[rank].ChunkId && Math.Abs(p.Score - actual[rank].Score) < 1e-3);
                }
                else
                {
                    Assert.Equal(expected[rank].ChunkId, actual[rank].ChunkId);
                }

                Assert.Equal(expected[rank].Document, actual[rank].Document);
                Assert.Equal(expected[rank].Section, actual[rank].Section);
                Assert.Equal(expected[rank].Authority, actual[rank].Authority);
            }

            compared += expected.Count;
        }

        Assert.True(compared > 100, $"only {compared} results compared");
    }

    [Fact]
    public void With_a_qdrant_endpoint_configured_knowledge_search_goes_through_qdrant()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = KnowledgeBaseLocator.Locate(null),
            ["Knowledge:Watch"] = "false",
            ["Qdrant:Endpoint"] = _server.Endpoint.ToString(),
        }).Build();
        using var services = new ServiceCollection().AddKnowledge(configuration).AddQdrantKnowledgeIndex(configuration).BuildServiceProvider();

        var search = services.GetRequiredService<IKnowledgeSearch>();
        var hits = search.Search("hạn nộp báo cáo tháng", 3);

        Assert.IsType<QdrantKnowledgeSearch>(search);
        Assert.NotEmpty(hits);
        Assert.Contains("Points.Query", _server.Store.Calls);
        Assert.Single(_server.Store.Aliases());
    }

    [Fact]
    public void Without_a_qdrant_endpoint_the_embedded_index_is_kept()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = KnowledgeBaseLocator.Locate(null),
        }).Build();
        using var services = new ServiceCollection().AddKnowledge(configuration).AddQdrantKnowledgeIndex(configuration).BuildServiceProvider();

        Assert.IsType<EmbeddedKnowledgeSearch>(services.GetRequiredService<IKnowledgeSearch>());
    }
}
