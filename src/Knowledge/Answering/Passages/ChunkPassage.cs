using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Passages;

/// <summary>What passage ranking asks of a sentence, whatever the question: read once per sentence.</summary>
[Flags]
internal enum SentenceTraits
{
    None = 0,
    EndsWithColon = 1,
    Boilerplate = 2,
    ConcreteDate = 4,
    TimeExpression = 8,
    UnitName = 16,
    ProperUnitName = 32,
    TargetStatement = 64,
    HasDigit = 128,
    HasPercent = 256,
    DocumentNumber = 512,
}

/// <summary>
/// A chunk as passage ranking sees it: its sentences, each sentence's traits and terms, the terms of its heading and of
/// its table row. Chunks belong to one index snapshot and are answered from again and again, so all of this is worked
/// out on first use and kept with the chunk (and dropped with it).
/// </summary>
internal sealed class ChunkPassage
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnowledgeChunk, ChunkPassage> Passages = [];

    private readonly KnowledgeChunk _chunk;
    private readonly HashSet<string>?[] _terms;
    private readonly HashSet<string>?[] _held;
    private HashSet<string>? _headingTerms;
    private HashSet<string>? _rowTerms;

    private ChunkPassage(KnowledgeChunk chunk)
    {
        _chunk = chunk;
        Sentences = TextCuts.Sentences(chunk.Text);
        Traits = Sentences.Select(PassageAnswer.TraitsOf).ToArray();
        _terms = new HashSet<string>?[Sentences.Count];
        _held = new HashSet<string>?[Sentences.Count];
        TrailStatesTargets = chunk.Trail.Any(PassageAnswer.StatesTargets);
    }

    public static ChunkPassage Of(KnowledgeChunk chunk) => Passages.GetValue(chunk, static c => new ChunkPassage(c));

    public IReadOnlyList<string> Sentences { get; }

    public SentenceTraits[] Traits { get; }

    /// <summary>Whether a heading above the chunk names objectives or targets ("Mục tiêu cụ thể").</summary>
    public bool TrailStatesTargets { get; }

    public IReadOnlySet<string> Terms(int sentence, VietnameseAnalyzer analyzer) =>
        _terms[sentence] ??= TermSet(analyzer, Sentences[sentence]);

    /// <summary>The terms of the heading and one sentence together: what a quoted sentence holds with its context.</summary>
    public IReadOnlySet<string> HeldTerms(int sentence, VietnameseAnalyzer analyzer) =>
        _held[sentence] ??= TermSet(analyzer, _chunk.Heading + "\n" + Sentences[sentence]);

    public IReadOnlySet<string> HeadingTerms(VietnameseAnalyzer analyzer) => _headingTerms ??= TermSet(analyzer, _chunk.Heading);

    /// <summary>A table row's terms: its heading and each cell with what its column means ("chủ trì ...").</summary>
    public IReadOnlySet<string> RowTerms(VietnameseAnalyzer analyzer, Func<TableRowRecord, string> rowText) =>
        _rowTerms ??= TermSet(analyzer, _chunk.Row is { } row ? rowText(row) : _chunk.Text);

    private static HashSet<string> TermSet(VietnameseAnalyzer analyzer, string text) => new(analyzer.DocumentTerms(text), StringComparer.Ordinal);
}
