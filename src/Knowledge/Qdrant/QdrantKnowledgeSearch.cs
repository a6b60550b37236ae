using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Qdrant;

/// <summary>
/// Search through Qdrant, kept in step with the knowledge-base snapshot: when the embedded snapshot is rebuilt (files
/// changed), the next search re-indexes Qdrant first — a no-op when the content hash is unchanged.
/// </summary>
internal sealed class QdrantKnowledgeSearch(QdrantKnowledgeIndex index, KnowledgeIndexHolder holder) : IKnowledgeSearch
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private KnowledgeIndex? _synced;

    public IReadOnlyList<Passage> Search(string query, int top)
    {
        EnsureIndexedAsync(CancellationToken.None).GetAwaiter().GetResult();
        return index.Search(query, top);
    }

    public async Task EnsureIndexedAsync(CancellationToken cancellationToken)
    {
        var current = holder.Current;
        if (ReferenceEquals(Volatile.Read(ref _synced), current))
        {
            return;
        }

        await _sync.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(_synced, current))
            {
                await index.ReindexAsync(ToChunks(current), cancellationToken);
                Volatile.Write(ref _synced, current);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    internal static IReadOnlyList<QdrantChunk> ToChunks(KnowledgeIndex snapshot) =>
        [.. snapshot.Chunks.Select(c => new QdrantChunk(c.Id, c.Document.DisplayName, c.Section, c.Authority, c.Text, c.IndexText))];
}
