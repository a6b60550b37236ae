using DtsAssistant.Knowledge.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>
/// Holds the current index snapshot. Readers take whatever snapshot is current; a rebuild indexes aside and swaps the
/// reference atomically, so a question never sees a half-built index and a failed rebuild keeps the old one.
/// </summary>
/// <param name="deadlines">The deployment's reporting deadlines, if any: each build warns when the plan's text says otherwise.</param>
public sealed class KnowledgeIndexHolder(IOptions<KnowledgeOptions> options, ILogger<KnowledgeIndexHolder> logger, ReportingDeadlines? deadlines = null)
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
        if (deadlines?.DisagreementsWith(index.Facts.Schedule) is { Count: > 0 } differences)
        {
            // People are told and reminded of the schedule's deadlines; a plan that says otherwise is worth a look.
            logger.LogWarning("The reporting deadlines of {Schedule} and the plan's text in {Folder} disagree: {Differences}. Answers state the schedule's deadlines.",
                deadlines.Source, Folder, string.Join("; ", differences));
        }

        return index;
    }
}
