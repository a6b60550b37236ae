using DtsAssistant.Knowledge.Qdrant;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qdrant.Client;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>
/// What the Qdrant index must do, written once and run against the in-process fake and, when Qdrant__Endpoint is set,
/// against a real Qdrant. Each scenario uses its own alias so a real server's other data is never touched.
/// </summary>
internal sealed class QdrantScenarios(QdrantClient client, string alias)
{
    public QdrantKnowledgeIndex Index(ISparseTextEncoder? encoder = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null) =>
        new(client, Options.Create(new QdrantOptions { Endpoint = "http://unused", Alias = alias }), encoder ?? new TestSparseEncoder(), NullLogger<QdrantKnowledgeIndex>.Instance, embeddings);

    public async Task<string?> AliasTargetAsync() =>
        (await client.ListAliasesAsync()).FirstOrDefault(a => a.AliasName == alias)?.CollectionName;

    public async Task Reindexing_unchanged_content_keeps_the_collection()
    {
        var index = Index();
        var first = await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        var second = await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first, await AliasTargetAsync());
    }

    public async Task Reindexing_changed_content_switches_the_alias_and_drops_the_old_collection()
    {
        var index = Index();
        var old = await index.ReindexAsync(SampleChunks(), CancellationToken.None);
        var changed = SampleChunks().Append(new QdrantChunk("c9", "Kế hoạch 27", "Mục IX", Authority.Verbatim, "lịch bảo trì máy chủ")).ToList();

        var current = await index.ReindexAsync(changed, CancellationToken.None);

        Assert.NotEqual(old, current);
        Assert.Equal(current, await AliasTargetAsync());
        Assert.DoesNotContain(old, await client.ListCollectionsAsync());
        Assert.Equal("c9", Assert.Single(await index.SearchAsync("máy chủ", 3, CancellationToken.None)).ChunkId);
    }

    public async Task Search_returns_passages_with_their_citation_payload()
    {
        var index = Index();
        await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        var hits = index.Search("hạn nộp báo cáo tháng", 2);

        Assert.NotEmpty(hits);
        var top = hits[0];
        Assert.Equal("c1", top.ChunkId);
        Assert.Equal("Kế hoạch 27", top.Document);
        Assert.Equal("Mục V.3", top.Section);
        Assert.Equal(Authority.Verbatim, top.Authority);
        Assert.Contains("ngày 20", top.Text, StringComparison.Ordinal);
        Assert.True(top.Score > 0);
    }

    public async Task A_query_with_no_known_term_finds_nothing()
    {
        var index = Index();
        await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        Assert.Empty(await index.SearchAsync("xyzzy", 5, CancellationToken.None));
    }

    public async Task With_dense_vectors_sparse_and_dense_hits_are_fused()
    {
        var index = Index(embeddings: new TestEmbeddingGenerator());
        await index.ReindexAsync(SampleChunks(), CancellationToken.None);

        // "sao luu" shares no sparse term with any chunk (no diacritics), but its character trigrams are close to c3's.
        var hits = await index.SearchAsync("sao luu du lieu", 2, CancellationToken.None);

        Assert.Equal("c3", hits[0].ChunkId);
    }

    public async Task Searching_while_reindexing_never_fails_or_comes_back_empty()
    {
        var index = Index();
        await index.ReindexAsync(SampleChunks(), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var results = new List<int>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                results.Add((await index.SearchAsync("báo cáo tháng", 3, CancellationToken.None)).Count);
            }
        });

        for (var version = 0; version < 4; version++)
        {
            var chunks = SampleChunks().Append(new QdrantChunk($"v{version}", "Kế hoạch 27", "Mục X", Authority.Verbatim, $"phiên bản {version}")).ToList();
            await index.ReindexAsync(chunks, CancellationToken.None);
        }

        await stop.CancelAsync();
        await reader;
        Assert.NotEmpty(results);
        Assert.All(results, count => Assert.True(count > 0));
    }

    public async Task CleanUpAsync()
    {
        foreach (var name in await client.ListCollectionsAsync())
        {
            if (name.StartsWith(alias + "-", StringComparison.Ordinal))
            {
                await client.DeleteCollectionAsync(name);
            }
        }
    }

    internal static List<QdrantChunk> SampleChunks() =>
    [
        new("c1", "Kế hoạch 27", "Mục V.3", Authority.Verbatim, "báo cáo tháng gửi trước ngày 20 hằng tháng hạn nộp"),
        new("c2", "Kế hoạch 27", "Phụ lục 1", Authority.Verbatim, "tỷ lệ giáo viên có kỹ năng số đạt 80%"),
        new("c3", "Hướng dẫn ATTT", "Mục 2", Authority.Summary, "sao lưu dữ liệu định kỳ và cập nhật phần mềm"),
        new("c4", "Kế hoạch 27", "Mục II.1", Authority.Excerpt, "mỗi đơn vị cử một đầu mối CNTT báo cáo"),
    ];
}
