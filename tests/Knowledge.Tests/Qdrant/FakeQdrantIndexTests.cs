using DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;
using Qdrant.Client;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>The Qdrant index through the real Qdrant.Client, over gRPC, against the in-process fake on loopback.</summary>
public sealed class FakeQdrantIndexTests : IAsyncLifetime
{
    private FakeQdrantServer _server = null!;
    private QdrantClient _client = null!;
    private QdrantScenarios _scenarios = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _client = new QdrantClient(_server.Endpoint);
        _scenarios = new QdrantScenarios(_client, "dts-knowledge");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public Task Reindexing_unchanged_content_keeps_the_collection() => _scenarios.Reindexing_unchanged_content_keeps_the_collection();

    [Fact]
    public Task Reindexing_changed_content_switches_the_alias_and_drops_the_old_collection() => _scenarios.Reindexing_changed_content_switches_the_alias_and_drops_the_old_collection();

    [Fact]
    public Task Search_returns_passages_with_their_citation_payload() => _scenarios.Search_returns_passages_with_their_citation_payload();

    [Fact]
    public Task A_query_with_no_known_term_finds_nothing() => _scenarios.A_query_with_no_known_term_finds_nothing();

    [Fact]
    public Task With_dense_vectors_sparse_and_dense_hits_are_fused() => _scenarios.With_dense_vectors_sparse_and_dense_hits_are_fused();

    [Fact]
    public Task Searching_while_reindexing_never_fails_or_comes_back_empty() => _scenarios.Searching_while_reindexing_never_fails_or_comes_back_empty();

    [Fact]
    public async Task The_alias_switch_is_one_request_with_both_actions()
    {
        var index = _scenarios.Index();
        await index.ReindexAsync(QdrantScenarios.SampleChunks(), CancellationToken.None);
        await index.ReindexAsync([.. QdrantScenarios.SampleChunks().Take(2)], CancellationToken.None);

        // First build: create only; re-index: delete + create in one UpdateAliases call.
        Assert.Equal(2, _server.Store.Calls.Count(c => c == "Collections.UpdateAliases"));
        Assert.Single(_server.Store.Aliases());
    }

    [Fact]
    public async Task Hybrid_search_sends_two_prefetches_fused_by_rrf()
    {
        var index = _scenarios.Index(embeddings: new TestEmbeddingGenerator());
        await index.ReindexAsync(QdrantScenarios.SampleChunks(), CancellationToken.None);

        var hits = await index.SearchAsync("báo cáo tháng", 4, CancellationToken.None);

        var query = Assert.Single(_server.Store.Queries);
        Assert.Equal(2, query.Prefetch.Count);
        Assert.Equal(global::Qdrant.Client.Grpc.Fusion.Rrf, query.Query.Fusion);
        Assert.Equal("c1", hits[0].ChunkId);
        // RRF scores: the top point is first in both lists, 1/2 + 1/2 with k = 2.
        Assert.Equal(1.0, hits[0].Score, 3);
    }

    [Fact]
    public async Task Sparse_scores_use_the_idf_of_the_collection()
    {
        var index = _scenarios.Index();
        await index.ReindexAsync(QdrantScenarios.SampleChunks(), CancellationToken.None);

        // "đầu" occurs in one chunk of four, "báo" in two: the rarer term must weigh more per unit of tf.
        var rare = (await index.SearchAsync("đầu", 1, CancellationToken.None))[0].Score;
        var common = (await index.SearchAsync("báo", 4, CancellationToken.None)).Max(p => p.Score);

        var idfRare = Math.Log(((4 - 1 + 0.5) / (1 + 0.5)) + 1);
        var idfCommon = Math.Log(((4 - 2 + 0.5) / (2 + 0.5)) + 1);
        Assert.True(rare > common);
        Assert.InRange(rare / common, 0.8 * idfRare / idfCommon, 1.25 * idfRare / idfCommon);
    }
}
