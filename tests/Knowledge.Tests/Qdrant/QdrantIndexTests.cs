using DtsAssistant.Knowledge.Qdrant;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qdrant.Client;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>The Qdrant index through the real Qdrant.Client against the in-process gRPC fake on loopback.</summary>
public sealed class QdrantIndexTests : IAsyncLifetime
{
    private FakeQdrantServer _server = null!;
    private QdrantClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _client = new QdrantClient(_server.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private QdrantKnowledgeIndex Index(ISparseTextEncoder encoder) =>
        new(_client, Options.Create(new QdrantOptions { Endpoint = _server.Endpoint.ToString() }), encoder, NullLogger<QdrantKnowledgeIndex>.Instance);

    [Fact]
    public async Task Reindexing_an_unchanged_knowledge_base_keeps_the_collection_behind_the_alias()
    {
        var index = Index(new TestSparseEncoder());
        var chunks = SampleChunks();
        var first = await index.ReindexAsync(chunks, CancellationToken.None);
        var callsBefore = _server.Store.Calls.Count(c => c == "Collections.Create");

        var second = await index.ReindexAsync(chunks, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(callsBefore, _server.Store.Calls.Count(c => c == "Collections.Create"));
        Assert.Equal(first, _server.Store.Aliases()["dts-knowledge"]);
    }

    [Fact]
    public async Task Reindexing_changed_content_switches_the_alias_and_drops_the_old_collection()
    {
        var index = Index(new TestSparseEncoder());
        var old = await index.ReindexAsync(SampleChunks(), CancellationToken.None);
        var changed = SampleChunks().Append(new QdrantChunk("c9", "Kế hoạch 27", "Mục IX", Authority.Verbatim, "lịch bảo trì máy chủ")).ToList();

        var current = await index.ReindexAsync(changed, CancellationToken.None);

        Assert.NotEqual(old, current);
        Assert.Equal(current, _server.Store.Aliases()["dts-knowledge"]);
        Assert.DoesNotContain(old, _server.Store.CollectionNames());
        Assert.Equal("c9", Assert.Single(index.Search("máy chủ", 3)).ChunkId);
    }

    [Fact]
    public async Task Search_returns_passages_with_their_citation_payload()
    {
        var index = Index(new TestSparseEncoder());
        await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        var hits = index.Search("hạn nộp báo cáo tháng", 2);

        Assert.NotEmpty(hits);
        var top = hits[0];
        Assert.Equal("c1", top.ChunkId);
        Assert.Equal("Kế hoạch 27", top.Document);
        Assert.Equal("Mục V.3", top.Section);
        Assert.Equal(Authority.Verbatim, top.Authority);
        Assert.Contains("ngày 20", top.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_with_no_known_term_finds_nothing()
    {
        var index = Index(new TestSparseEncoder());
        await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        Assert.Empty(index.Search("xyzzy", 5));
    }

    internal static List<QdrantChunk> SampleChunks() =>
    [
        new("c1", "Kế hoạch 27", "Mục V.3", Authority.Verbatim, "báo cáo tháng gửi trước ngày 20 hằng tháng hạn nộp"),
        new("c2", "Kế hoạch 27", "Phụ lục 1", Authority.Verbatim, "tỷ lệ giáo viên có kỹ năng số đạt 80%"),
        new("c3", "Hướng dẫn ATTT", "Mục 2", Authority.Summary, "sao lưu dữ liệu định kỳ và cập nhật phần mềm"),
        new("c4", "Kế hoạch 27", "Mục II.1", Authority.Excerpt, "mỗi đơn vị cử một đầu mối CNTT báo cáo"),
    ];
}
