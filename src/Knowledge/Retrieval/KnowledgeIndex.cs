using System.Diagnostics;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>One immutable snapshot of the knowledge base: documents, chunks, the inverted index, facts derived from them.</summary>
public sealed class KnowledgeIndex
{
    private KnowledgeIndex(IReadOnlyList<DocumentInfo> documents, IReadOnlyList<KnowledgeChunk> chunks, InvertedIndex index, VietnameseAnalyzer analyzer, TimeSpan buildTime)
    {
        Documents = documents;
        Chunks = chunks;
        Index = index;
        Analyzer = analyzer;
        BuildTime = buildTime;
        Facts = FactCompiler.Compile(chunks, documents, analyzer.Glossary, index);
    }

    public IReadOnlyList<DocumentInfo> Documents { get; }

    public IReadOnlyList<KnowledgeChunk> Chunks { get; }

    public InvertedIndex Index { get; }

    public VietnameseAnalyzer Analyzer { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>The facts compiled from the documents: table records, targets, reporting rules, documents, practices.</summary>
    public PlanFacts Facts { get; }

    /// <summary>The periodic reporting deadlines the documents state, when they state them.</summary>
    public ReportingSchedule? Schedule => Facts.Schedule;

    /// <summary>Reads every document of a knowledge-base folder (.md with front matter, .docx, .pdf) and the glossary.</summary>
    public static KnowledgeIndex Load(string folder)
    {
        var stopwatch = Stopwatch.StartNew();
        var glossaryPath = Path.Combine(folder, "glossary.tsv");
        var glossary = File.Exists(glossaryPath) ? Glossary.Load(glossaryPath) : Glossary.Empty;
        var documents = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(IsDocumentFile)
            .Order(StringComparer.Ordinal)
            .Select(DocumentReaders.Read)
            .OfType<KnowledgeDocument>()
            .ToList();
        return Build(documents, glossary, stopwatch);
    }

    public static KnowledgeIndex Build(IReadOnlyList<KnowledgeDocument> documents, Glossary glossary) =>
        Build(documents, glossary, Stopwatch.StartNew());

    /// <summary>Indexes chunks made elsewhere (the benchmark's synthetic corpus).</summary>
    public static KnowledgeIndex FromChunks(IReadOnlyList<KnowledgeChunk> chunks, Glossary glossary)
    {
        var stopwatch = Stopwatch.StartNew();
        var analyzer = new VietnameseAnalyzer(glossary);
        var index = InvertedIndex.Build(chunks.Select(c => ((IReadOnlyList<string>)analyzer.DocumentTerms(c.IndexText), analyzer.DocumentLength(c.IndexText))).ToList());
        return new KnowledgeIndex(chunks.Select(c => c.Document).Distinct().ToList(), chunks, index, analyzer, stopwatch.Elapsed);
    }

    internal static bool IsDocumentFile(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.StartsWith("~$", StringComparison.Ordinal)
            && DocumentReaders.Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());
    }

    private static KnowledgeIndex Build(IReadOnlyList<KnowledgeDocument> documents, Glossary glossary, Stopwatch stopwatch)
    {
        var analyzer = new VietnameseAnalyzer(glossary);
        var chunks = documents.SelectMany(MarkdownChunker.Chunk).ToList();
        var index = InvertedIndex.Build(chunks.Select(c => ((IReadOnlyList<string>)analyzer.DocumentTerms(c.IndexText), analyzer.DocumentLength(c.IndexText))).ToList());
        return new KnowledgeIndex(documents.Select(d => d.Info).ToList(), chunks, index, analyzer, stopwatch.Elapsed);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<uint>> _termSets = new(StringComparer.Ordinal);
    private int _termSetCount;

    /// <summary>
    /// The distinct terms of a passage text, memoised: answers score the same chunks' sentences again and again, and
    /// analysing them once per snapshot keeps an answer within a few milliseconds.
    /// </summary>
    internal IReadOnlySet<uint> TermSet(string text)
    {
        if (_termSets.TryGetValue(text, out var cached))
        {
            return cached;
        }

        // ConcurrentDictionary.Count takes every lock: count the additions instead.
        if (Interlocked.Increment(ref _termSetCount) > 50_000)
        {
            _termSets.Clear();
            Interlocked.Exchange(ref _termSetCount, 0);
        }

        var terms = TermIds(Analyzer, text);
        _termSets.TryAdd(text, terms);
        return terms;
    }

    /// <summary>
    /// The distinct terms of a text as term indices (the hashed indices the inverted index keys its postings by): testing
    /// a number is several times cheaper than hashing a string, and answers test thousands per question.
    /// </summary>
    internal static HashSet<uint> TermIds(VietnameseAnalyzer analyzer, string text)
    {
        var terms = analyzer.DocumentTerms(text);
        var ids = new HashSet<uint>(terms.Count);
        foreach (var term in terms)
        {
            ids.Add(VietnameseAnalyzer.TermIndex(term));
        }

        return ids;
    }

    /// <summary>
    /// Whether two folded syllables are one word of the documents: the pair stands in at least two chunks, and in at
    /// least 30% of the chunks that use the rarer of the two syllables. "năng lực", "điện tử", "cơ sở" are words of the
    /// plan; "tháng này", "thông tư" (as "thông từ") are not. Used by <see cref="Understanding.QuestionReader.Read"/>.
    /// </summary>
    public bool IsWord(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length + second.Length > 120)
        {
            return false;
        }

        // The terms are written into a buffer: this runs for the fillers of every question.
        Span<char> term = stackalloc char[first.Length + second.Length + 3];
        "b:".CopyTo(term);
        first.CopyTo(term[2..]);
        term[first.Length + 2] = '_';
        second.CopyTo(term[(first.Length + 3)..]);
        var pair = Index.DocumentFrequency(term);
        if (pair < 2)
        {
            return false;
        }

        "u:".CopyTo(term);
        first.CopyTo(term[2..]);
        var rarer = Index.DocumentFrequency(term[..(first.Length + 2)]);
        second.CopyTo(term[2..]);
        rarer = Math.Min(rarer, Index.DocumentFrequency(term[..(second.Length + 2)]));
        return pair >= 0.3 * rarer;
    }

    /// <summary>Ranked chunks for a query.</summary>
    public IReadOnlyList<(KnowledgeChunk Chunk, double Score)> Search(QueryAnalysis query, int top) =>
        Index.Search(query.TermIds, top).Select(hit => (Chunks[hit.Document], hit.Score)).ToList();
}
