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
    private readonly HashSet<uint>?[] _terms;
    private readonly HashSet<uint>?[] _held;
    private readonly Facts.TopicTerms?[] _heldTopics;
    private readonly string?[] _folded;
    private HashSet<uint>? _headingTerms;
    private HashSet<uint>? _rowTerms;
    private HashSet<uint>? _indexTerms;
    private HashSet<uint>? _textTerms;
    private Dictionary<uint, ulong>? _sentenceMasks;
    private (Facts.TopicTerms Topic, IReadOnlySet<uint> Terms)? _rowHeld;
    private Facts.TopicTerms? _topic;

    private ChunkPassage(KnowledgeChunk chunk)
    {
        _chunk = chunk;
        Sentences = TextCuts.Sentences(chunk.Text);
        Traits = Sentences.Select(PassageAnswer.TraitsOf).ToArray();
        _terms = new HashSet<uint>?[Sentences.Count];
        _held = new HashSet<uint>?[Sentences.Count];
        _heldTopics = new Facts.TopicTerms?[Sentences.Count];
        _folded = new string?[Sentences.Count];
        TrailStatesTargets = chunk.Trail.Any(PassageAnswer.StatesTargets);
    }

    public static ChunkPassage Of(KnowledgeChunk chunk) => Passages.GetValue(chunk, static c => new ChunkPassage(c));

    public IReadOnlyList<string> Sentences { get; }

    public SentenceTraits[] Traits { get; }

    /// <summary>Whether a heading above the chunk names objectives or targets ("Mục tiêu cụ thể").</summary>
    public bool TrailStatesTargets { get; }

    /// <summary>A sentence folded (no diacritics, lower case), for patterns such as "6 miền".</summary>
    public string Folded(int sentence) => _folded[sentence] ??= VietnameseText.NormalizeAndFold(Sentences[sentence]);

    public IReadOnlySet<uint> Terms(int sentence, VietnameseAnalyzer analyzer) =>
        _terms[sentence] ??= TermSet(analyzer, Sentences[sentence]);

    /// <summary>
    /// The terms of the heading and one sentence together: what a quoted sentence holds with its context. The terms of
    /// heading + "\n" + sentence, made from the two sets already worked out: a line break starts a new phrase, so no
    /// bigram joins the heading's last word to the sentence's first.
    /// </summary>
    public IReadOnlySet<uint> HeldTerms(int sentence, VietnameseAnalyzer analyzer)
    {
        if (_held[sentence] is not { } held)
        {
            held = new HashSet<uint>(HeadingTerms(analyzer));
            held.UnionWith(Terms(sentence, analyzer));
            _held[sentence] = held;
        }

        return held;
    }

    /// <summary>The heading and one sentence as topic linking sees them (does the quote hold the question's topic?).</summary>
    public Facts.TopicTerms HeldTopic(int sentence, Glossary glossary) =>
        _heldTopics[sentence] ??= new Facts.TopicTerms(_chunk.Heading + "\n" + Sentences[sentence], glossary);

    /// <summary>
    /// Every sentence with the heading, as topic linking sees them together (the union of <see cref="HeldTopic"/>): no
    /// sentence of the chunk holds more of a topic than this does.
    /// </summary>
    public Facts.TopicTerms Topic(Glossary glossary)
    {
        if (_topic is null)
        {
            var topic = new Facts.TopicTerms(Sentences.Count > 0 ? _chunk.Heading + "\n" + Sentences[0] : _chunk.Heading, glossary);
            for (var i = 1; i < Sentences.Count; i++)
            {
                topic.Include(_chunk.Heading + "\n" + Sentences[i]);
            }

            _topic = topic;
        }

        return _topic;
    }

    /// <summary>
    /// A table row's heading and whole text, as topic linking and coverage see them (a quoted row). Its terms are
    /// <see cref="TextTerms"/>: sentences are cut at line breaks and after full stops, where phrases break anyway.
    /// </summary>
    public (Facts.TopicTerms Topic, IReadOnlySet<uint> Terms) RowHeld(Glossary glossary, VietnameseAnalyzer analyzer)
    {
        var held = _rowHeld ??= (new Facts.TopicTerms(_chunk.Heading + "\n" + _chunk.Text, glossary), TextTerms(analyzer));
        return (held.Topic, held.Terms);
    }

    public IReadOnlySet<uint> HeadingTerms(VietnameseAnalyzer analyzer) => _headingTerms ??= TermSet(analyzer, _chunk.Heading);

    /// <summary>A table row's terms: its heading and each cell with what its column means ("chủ trì ...").</summary>
    public IReadOnlySet<uint> RowTerms(VietnameseAnalyzer analyzer, Func<TableRowRecord, string> rowText) =>
        _rowTerms ??= TermSet(analyzer, _chunk.Row is { } row ? rowText(row) : _chunk.Text);

    /// <summary>Every term of the heading and of the sentences: a question term not among them scores in none of them.</summary>
    public IReadOnlySet<uint> TextTerms(VietnameseAnalyzer analyzer)
    {
        if (_textTerms is null)
        {
            var all = new HashSet<uint>(HeadingTerms(analyzer));
            for (var i = 0; i < Sentences.Count; i++)
            {
                all.UnionWith(Terms(i, analyzer));
            }

            _textTerms = all;
        }

        return _textTerms;
    }

    /// <summary>
    /// For each term of the sentences, which of them hold it (bit i: sentence i): a question term is looked up once per
    /// chunk instead of once per sentence. Null for a chunk of more than 64 sentences (scored sentence by sentence).
    /// </summary>
    public IReadOnlyDictionary<uint, ulong>? SentenceMasks(VietnameseAnalyzer analyzer)
    {
        if (Sentences.Count > 64)
        {
            return null;
        }

        if (_sentenceMasks is null)
        {
            var masks = new Dictionary<uint, ulong>();
            for (var i = 0; i < Sentences.Count; i++)
            {
                foreach (var term in Terms(i, analyzer))
                {
                    masks[term] = masks.GetValueOrDefault(term) | (1UL << i);
                }
            }

            _sentenceMasks = masks;
        }

        return _sentenceMasks;
    }

    /// <summary>The terms of the whole chunk as indexed (text with its headings): does the chunk cover the question at all?</summary>
    public IReadOnlySet<uint> IndexTerms(VietnameseAnalyzer analyzer) => _indexTerms ??= TermSet(analyzer, _chunk.IndexText);

    private static HashSet<uint> TermSet(VietnameseAnalyzer analyzer, string text) => Retrieval.KnowledgeIndex.TermIds(analyzer, text);
}
