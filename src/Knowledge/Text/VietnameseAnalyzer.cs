using System.Text;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Text;

/// <summary>A query as the index sees it: weighted terms, and the content words used to judge whether a passage covers it.</summary>
public sealed record QueryAnalysis(
    string Text,
    bool Accented,
    IReadOnlyDictionary<string, float> Terms,
    IReadOnlyList<string> ContentWords,
    IReadOnlyList<GlossaryEntry> GlossaryMentions)
{
    private (uint Id, float Weight)[]? _termIds;

    /// <summary>The accented unigrams asked for ("a:lương"), by the folded word they were typed for ("luong").</summary>
    public IReadOnlyDictionary<string, List<string>> AccentedTerms { get; init; } = new Dictionary<string, List<string>>();

    /// <summary>The bigram terms asked for with their two folded words ("b:hoc_ba", "hoc", "ba").</summary>
    public IReadOnlyList<(string Term, string First, string Second)> Bigrams { get; init; } = [];

    /// <summary>The terms by their hashed index (as postings are keyed), worked out once per query.</summary>
    public IReadOnlyList<(uint Id, float Weight)> TermIds => _termIds ??= Terms.Select(t => (VietnameseAnalyzer.TermIndex(t.Key), t.Value)).ToArray();
}

/// <summary>
/// Turns text into index terms. Every syllable gives a folded unigram ("u:hoa"), an accented unigram ("a:hòa") and,
/// with its neighbour in the same phrase, a folded bigram ("b:hoa_binh") so multi-syllable words match as words.
/// A query typed without any accent only asks for folded terms; a query typed with accents also asks for the accented
/// ones, so exact matches rank higher. Queries are expanded with the glossary both ways (CKS ⇄ chữ ký số).
/// </summary>
/// <remarks>
/// Scoring is BM25 split so that a sparse-vector engine can reproduce it: a document vector holds the saturated term
/// frequency tf·(k1+1)/(tf + k1·(1 − b + b·dl/avgdl)); a query vector holds the term weights below; the engine
/// multiplies by idf = ln(1 + (N − n + 0.5)/(n + 0.5)) (Qdrant's IDF modifier) and sums.
/// </remarks>
public sealed class VietnameseAnalyzer(Glossary glossary)
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    /// <summary>Weight of accented unigrams in a query: a bonus over the folded match, not a second full match.</summary>
    public const float AccentedWeight = 0.3f;

    // Question words and chat politeness: they say what is asked, not what about. Kept accented so "máy" (computer)
    // is not mistaken for "mấy" (how many) when accents are typed.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "ai", "nào", "gì", "đâu", "nhiêu", "lâu", "khi", "thế", "như", "là", "có", "phải", "được", "không", "thì", "ạ",
        "ơi", "cho", "em", "hỏi", "ad", "mình", "vậy", "với", "của", "các", "những", "và", "về", "ở", "tại", "trong",
        "một", "này", "do", "để", "cần", "sẽ", "đã", "đang", "rồi", "nhé", "nhỉ", "hả", "hay", "hoặc", "muốn", "biết", "xin",
        "giúp", "làm", "ra", "mấy", "giùm", "dùm", "thì", "theo", "bị", "nên", "lúc", "bây", "giờ", "chưa", "gửi",
        "cái", "đó", "kia", "thôi", "luôn", "vâng", "dạ", "ok", "nhiu", "nay", "hôm", "e", "chút", "xíu", "tí", "nha", "nhá", "hen",
        "vs", "nhờ", "gồm",
    };

    // Phrases that say which kind of fact is wanted ("tỷ lệ", "bao nhiêu"): they help ranking but are not the topic,
    // so they do not count when judging whether a passage covers the question.
    private static readonly string[][] QuestionPhrases =
    [
        ["bao", "nhieu"], ["bao", "lau"], ["bao", "gio"], ["ty", "le"], ["ti", "le"], ["phan", "tram"], ["can", "dat"],
        ["phai", "dat"], ["nhu", "the", "nao"], ["the", "nao"], ["khi", "nao"], ["ra", "sao"], ["o", "dau"], ["ve", "dau"],
        ["thoi", "han"], ["han", "chot"], ["la", "gi"], ["thi", "sao"], ["the", "sao"], ["bao", "lau", "mot", "lan"],
        ["bao", "lau", "1", "lan"], ["may", "lan"], ["bao", "nhieu", "lan"],
    ];

    private static readonly HashSet<string> FoldedStopWords = new(StopWords.Select(VietnameseText.Fold), StringComparer.Ordinal);

    public Glossary Glossary { get; } = glossary;

    public IReadOnlyList<Token> Tokenize(string text) => VietnameseTokenizer.Tokenize(text);

    /// <summary>All terms of a document text, repeated as often as they occur (term frequency).</summary>
    public List<string> DocumentTerms(string text)
    {
        var tokens = Tokenize(text);
        var terms = new List<string>(tokens.Count * 3);
        for (var i = 0; i < tokens.Count; i++)
        {
            terms.Add("u:" + tokens[i].Folded);
            terms.Add("a:" + tokens[i].Normalized);
            if (i + 1 < tokens.Count && tokens[i + 1].Segment == tokens[i].Segment)
            {
                terms.Add("b:" + tokens[i].Folded + "_" + tokens[i + 1].Folded);
            }
        }

        return terms;
    }

    /// <summary>The length BM25 normalises by: the number of syllables.</summary>
    public int DocumentLength(string text) => Tokenize(text).Count;

    public QueryAnalysis AnalyzeQuery(string text) => AnalyzeQuery(text, Tokenize(text));

    /// <summary>
    /// The same for a text already tokenized (the question reader's tokens). With <paramref name="isWord"/> (the index's
    /// words), a stop word that completes a word of the documents with its neighbour counts ("nang luc", see
    /// <see cref="CompletesWord"/>), as it does in the question reader's topic.
    /// </summary>
    public QueryAnalysis AnalyzeQuery(string text, IReadOnlyList<Token> tokens, Func<string, string, bool>? isWord = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var accented = VietnameseText.HasDiacritics(text);
        var terms = new Dictionary<string, float>(tokens.Count * 4, StringComparer.Ordinal);
        var content = new List<string>();
        var query = new QueryTerms(terms, content, accented ? new Dictionary<string, List<string>>(StringComparer.Ordinal) : null, []);
        AddQueryTokens(tokens, accented, query, isExpansion: false, isWord: isWord);
        content.RemoveAll(QuestionWords(tokens).Contains);

        var mentions = new List<GlossaryEntry>();
        foreach (var (entry, abbreviationTyped) in Glossary.Mentions(tokens))
        {
            mentions.Add(entry);
            var other = abbreviationTyped ? entry.ExpansionTokenList : entry.AbbreviationTokenList;
            // Expansions are written with accents in the glossary, so their accented form is always reliable. The
            // abbreviation of a phrase the person typed out counts half: it widens the match without outranking it.
            AddQueryTokens(other, accented: true, query with { Content = null }, isExpansion: true, abbreviationTyped ? 0.6f : 0.5f);
        }

        return new QueryAnalysis(text, accented, terms, content, mentions)
        {
            AccentedTerms = query.Accented ?? new Dictionary<string, List<string>>(),
            Bigrams = query.Bigrams,
        };
    }

    /// <summary>The sparse vector of a document for an engine with an IDF modifier (see the class remarks).</summary>
    public SparseTermVector ToDocumentVector(string text, double averageDocumentLength)
    {
        var frequencies = new Dictionary<uint, int>();
        foreach (var term in DocumentTerms(text))
        {
            var index = TermIndex(term);
            frequencies[index] = frequencies.GetValueOrDefault(index) + 1;
        }

        var length = DocumentLength(text);
        var indices = new List<uint>(frequencies.Count);
        var values = new List<float>(frequencies.Count);
        foreach (var (index, tf) in frequencies.OrderBy(p => p.Key))
        {
            indices.Add(index);
            values.Add(SaturatedFrequency(tf, length, averageDocumentLength));
        }

        return new SparseTermVector(indices, values);
    }

    /// <summary>The sparse vector of a query: the same term weights the embedded index scores with.</summary>
    public SparseTermVector ToQueryVector(string text)
    {
        var analysis = AnalyzeQuery(text);
        var merged = new SortedDictionary<uint, float>();
        foreach (var (term, weight) in analysis.Terms)
        {
            var index = TermIndex(term);
            merged[index] = Math.Max(merged.GetValueOrDefault(index), weight);
        }

        return new SparseTermVector(merged.Keys.ToList(), merged.Values.ToList());
    }

    /// <summary>BM25's document side: saturated term frequency with length normalisation.</summary>
    public static float SaturatedFrequency(int termFrequency, int documentLength, double averageDocumentLength)
    {
        var norm = 1 - B + (B * documentLength / Math.Max(1.0, averageDocumentLength));
        return (float)(termFrequency * (K1 + 1) / (termFrequency + (K1 * norm)));
    }

    /// <summary>BM25's idf, the same formula as Qdrant's IDF modifier.</summary>
    public static double InverseDocumentFrequency(int documentCount, int documentsWithTerm) =>
        Math.Log(1 + ((documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5)));

    /// <summary>The sparse-vector index of a term: FNV-1a over its UTF-8 bytes (stable across processes and machines).</summary>
    public static uint TermIndex(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return TermIndex(term.AsSpan());
    }

    /// <summary>The same for a term written into a buffer (no string made).</summary>
    public static uint TermIndex(ReadOnlySpan<char> term)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var count = Encoding.UTF8.GetByteCount(term);
        Span<byte> bytes = count <= buffer.Length ? buffer[..count] : new byte[count];
        Encoding.UTF8.GetBytes(term, bytes);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }

    /// <summary>The noun a count question asks about: "bao nhiêu miền" → "mien", "mấy mức" → "muc".</summary>
    /// <param name="tokens">The question's tokens.</param>
    /// <param name="isWord">
    /// The documents' words, if known: then "may" typed without diacritics counts too ("may mien" is "mấy miền"), unless
    /// it makes a word with the next syllable ("may tinh" is "máy tính").
    /// </param>
    public static string? CountedNoun(IReadOnlyList<Token> tokens, Func<string, string, bool>? isWord = null)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var next = i + 2 < tokens.Count ? tokens[i + 2] : default;
            if (tokens[i].Folded == "bao" && tokens[i + 1].Folded == "nhieu" && next.Folded is { Length: > 0 } noun && !FoldedStopWords.Contains(noun))
            {
                return noun;
            }

            var asksHowMany = tokens[i].Normalized == "mấy"
                || (isWord is not null && tokens[i].Normalized == "may" && tokens[i + 1].Normalized == tokens[i + 1].Folded && !isWord("may", tokens[i + 1].Folded));
            if (asksHowMany && !FoldedStopWords.Contains(tokens[i + 1].Folded))
            {
                return tokens[i + 1].Folded;
            }
        }

        return null;
    }

    private static readonly Dictionary<string, string[][]> QuestionPhrasesByFirstWord = QuestionPhrases
        .GroupBy(p => p[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static HashSet<string> QuestionWords(IReadOnlyList<Token> tokens)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!QuestionPhrasesByFirstWord.TryGetValue(tokens[i].Folded, out var phrases))
            {
                continue;
            }

            foreach (var phrase in phrases)
            {
                if (StartsAt(tokens, i, phrase))
                {
                    words.UnionWith(phrase);
                }
            }
        }

        return words;
    }

    private static bool StartsAt(IReadOnlyList<Token> tokens, int at, string[] phrase)
    {
        if (at + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var j = 0; j < phrase.Length; j++)
        {
            if (tokens[at + j].Folded != phrase[j])
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsStopWord(Token token, bool accented) =>
        accented ? StopWords.Contains(token.Normalized) : FoldedStopWords.Contains(token.Folded);

    /// <summary>What a query's analysis collects: weighted terms, content words, accented terms by word, bigrams.</summary>
    private sealed record QueryTerms(
        Dictionary<string, float> Terms,
        List<string>? Content,
        Dictionary<string, List<string>>? Accented,
        List<(string Term, string First, string Second)> Bigrams);

    /// <summary>
    /// Whether token i, a stop word or filler by its spelling ("luc" as "lúc", "tu" as "từ", "cho"), completes a word
    /// of the documents with a content token next to it in the same phrase ("nang luc", "dien tu", "cho phép"): typed
    /// without diacritics, many syllables of the plan's words read as fillers.
    /// </summary>
    public static bool CompletesWord(IReadOnlyList<Token> tokens, int i, Func<int, bool> isContent, Func<string, string, bool> isWord)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(isContent);
        ArgumentNullException.ThrowIfNull(isWord);
        bool Neighbour(int j) => j >= 0 && j < tokens.Count && tokens[j].Segment == tokens[i].Segment && isContent(j);
        return (Neighbour(i - 1) && isWord(tokens[i - 1].Folded, tokens[i].Folded)) || (Neighbour(i + 1) && isWord(tokens[i].Folded, tokens[i + 1].Folded));
    }

    private static void AddQueryTokens(IReadOnlyList<Token> tokens, bool accented, QueryTerms query, bool isExpansion, float weight = 1f, Func<string, string, bool>? isWord = null)
    {
        var terms = query.Terms;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!IsStopWord(token, accented) || isExpansion
                || (isWord is not null && CompletesWord(tokens, i, j => !IsStopWord(tokens[j], accented), isWord)))
            {
                Add(terms, "u:" + token.Folded, weight);
                if (accented)
                {
                    var term = "a:" + token.Normalized;
                    if (!terms.ContainsKey(term) && query.Accented is { } byWord && token.Normalized != token.Folded)
                    {
                        (byWord.TryGetValue(token.Folded, out var forms) ? forms : byWord[token.Folded] = []).Add(term);
                    }

                    Add(terms, term, AccentedWeight * weight);
                }

                if (query.Content is { } content && !content.Contains(token.Folded))
                {
                    content.Add(token.Folded);
                }
            }

            if (i + 1 < tokens.Count && tokens[i + 1].Segment == token.Segment)
            {
                var bigram = "b:" + token.Folded + "_" + tokens[i + 1].Folded;
                if (!terms.ContainsKey(bigram))
                {
                    query.Bigrams.Add((bigram, token.Folded, tokens[i + 1].Folded));
                }

                Add(terms, bigram, weight);
            }
        }
    }

    private static void Add(Dictionary<string, float> terms, string term, float weight) =>
        terms[term] = Math.Max(terms.GetValueOrDefault(term), weight);
}
