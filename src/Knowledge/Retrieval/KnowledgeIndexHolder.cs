using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>
/// Holds the current index snapshot. Readers take whatever snapshot is current; a rebuild indexes aside and swaps the
/// reference atomically, so a question never sees a half-built index and a failed rebuild keeps the old one.
/// </summary>
public sealed class KnowledgeIndexHolder(IOptions<KnowledgeOptions> options, ILogger<KnowledgeIndexHolder> logger)
{
    private readonly Lock _buildLock = new();
    private KnowledgeIndex? _current;

    public string Folder { get; } = KnowledgeBaseLocator.Locate(options.Value.Path);

    public KnowledgeIndex Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            if (current is not null)
            {
                return current;
            }

            lock (_buildLock)
            {
                return _current ??= Build();
            }
        }
    }

    /// <summary>Re-reads the folder; keeps the previous snapshot when reading fails (e.g. a file half copied).</summary>
    public bool Rebuild()
    {
        try
        {
            var fresh = Build();
            Interlocked.Exchange(ref _current, fresh);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Re-indexing {Folder} failed; keeping the previous index", Folder);
            return false;
        }
    }

    private KnowledgeIndex Build()
    {
        var index = KnowledgeIndex.Load(Folder);
        logger.LogInformation("Indexed {Documents} documents, {Chunks} chunks from {Folder} in {Ms} ms", index.Documents.Count, index.Chunks.Count, Folder, index.BuildTime.TotalMilliseconds);
        return index;
    }
}
