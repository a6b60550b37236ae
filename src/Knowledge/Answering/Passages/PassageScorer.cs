using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Passages;

/// <summary>
/// Scores passage text against one question: idf-weighted term matches and the share of the question's content words a
/// text covers (glossary equivalents count; a word typed with diacritics only where the same accented word stands).
/// What depends only on the question is worked out once, in the constructor, so that scoring a sentence allocates
/// nothing: an answer scores dozens of sentences.
/// </summary>
internal sealed class PassageScorer
{
    private readonly KnowledgeIndex _index;
    private readonly (uint Term, double Idf)[] _terms;
    private readonly string[] _words;
    private readonly uint[] _wordTerms;
    private readonly double[] _wordWeights;
    private readonly uint[]?[] _accentedForms;
    private readonly (uint[] Abbreviation, uint[] Expansion, int[] Words)[] _mentions;
    private readonly (uint Term, int[] Words)[] _phrases;

    public PassageScorer(KnowledgeIndex index, QueryAnalysis analysis)
    {
        _index = index;
        Analysis = analysis;
        var termIds = analysis.TermIds;
        _terms = new (uint, double)[termIds.Count];
        for (var i = 0; i < termIds.Count; i++)
        {
            _terms[i] = (termIds[i].Id, index.Index.Idf(termIds[i].Id) * termIds[i].Weight);
        }

        _words = [.. analysis.ContentWords];
        _wordTerms = new uint[_words.Length];
        _wordWeights = new double[_words.Length];
        _accentedForms = new uint[]?[_words.Length];

        // A word typed with its diacritics is covered only by the same word: "lương" (salary) is not "lượng" in "chất
        // lượng", though both fold to "luong". Words typed without diacritics match every accented form.
        var accented = analysis.AccentedTerms;
        for (var i = 0; i < _words.Length; i++)
        {
            _wordTerms[i] = Id("u:" + _words[i]);
            _wordWeights[i] = index.Index.Idf(_wordTerms[i]);
            if (accented.TryGetValue(_words[i], out var forms))
            {
                _accentedForms[i] = forms.ConvertAll(Id).ToArray();
            }
        }

        // A glossary entry whose either form the text holds covers the words of both forms.
        _mentions = new (uint[], uint[], int[])[analysis.GlossaryMentions.Count];
        for (var m = 0; m < _mentions.Length; m++)
        {
            var entry = analysis.GlossaryMentions[m];
            _mentions[m] = (Ids(entry.AbbreviationTokens), Ids(entry.ExpansionTokens),
                Indices(w => Array.IndexOf(entry.AbbreviationTokens, w) >= 0 || Array.IndexOf(entry.ExpansionTokens, w) >= 0));
        }

        var phrases = new List<(uint, int[])>();
        foreach (var (term, first, second) in analysis.Bigrams)
        {
            if (first != second && Array.IndexOf(_words, first) >= 0 && Array.IndexOf(_words, second) >= 0 && index.Index.Contains(term))
            {
                phrases.Add((Id(term), Indices(w => w == first || w == second)));
            }
        }

        _phrases = [.. phrases];
    }

    private static uint[] Ids(string[] words)
    {
        var ids = new uint[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            ids[i] = Id("u:" + words[i]);
        }

        return ids;
    }

    public KnowledgeIndex Index => _index;

    public QueryAnalysis Analysis { get; }

    /// <summary>Σ idf of the question's content words: how much it names at all.</summary>
    public double ContentWeight => _wordWeights.Sum();

    public double Coverage(string text, IReadOnlySet<string>? ignore = null, bool phrases = false) => Coverage(_index.TermSet(text), ignore, phrases);

    /// <summary>
    /// The idf-weighted share of the question's content words (less those ignored) that a text's terms cover. Terms are
    /// compared by their hashed index, as the inverted index does.
    /// </summary>
    public double Coverage(IReadOnlySet<uint> terms, IReadOnlySet<string>? ignore = null, bool phrases = false)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var count = _words.Length;
        Span<bool> covered = count <= 128 ? stackalloc bool[count] : new bool[count];
        for (var i = 0; i < count; i++)
        {
            covered[i] = _accentedForms[i] is { } forms ? ContainsAny(terms, forms) : terms.Contains(_wordTerms[i]);
        }

        foreach (var (abbreviation, expansion, words) in _mentions)
        {
            if (ContainsAll(terms, expansion) || ContainsAll(terms, abbreviation))
            {
                foreach (var i in words)
                {
                    covered[i] = true;
                }
            }
        }

        // Adjacent content words that the documents use as a pair count only where the text has the pair.
        if (phrases && _phrases.Length > 0)
        {
            Span<byte> pair = count <= 128 ? stackalloc byte[count] : new byte[count];
            pair.Clear();
            foreach (var (term, words) in _phrases)
            {
                var holds = terms.Contains(term);
                foreach (var i in words)
                {
                    pair[i] |= (byte)(holds ? 3 : 1);
                }
            }

            for (var i = 0; i < count; i++)
            {
                covered[i] &= pair[i] != 1;
            }
        }

        double total = 0, found = 0;
        for (var i = 0; i < count; i++)
        {
            if (ignore?.Contains(_words[i]) == true)
            {
                continue;
            }

            total += _wordWeights[i];
            found += covered[i] ? _wordWeights[i] : 0;
        }

        return total == 0 ? 0 : found / total;
    }

    public double Score(string text) => Score(_index.TermSet(text));

    /// <summary>
    /// The question's terms that a chunk holds at all, with their weights, in the question's order: scoring the chunk's
    /// sentences against these alone gives the same sums with a fraction of the look-ups.
    /// </summary>
    public (uint Term, double Weight)[] TermsIn(IReadOnlySet<uint> chunkTerms)
    {
        ArgumentNullException.ThrowIfNull(chunkTerms);
        return Array.FindAll(_terms, t => chunkTerms.Contains(t.Term));
    }

    /// <summary>
    /// The question's terms that a chunk's sentences hold, with their weights and which sentences hold each (see
    /// <see cref="ChunkPassage.SentenceMasks"/>), in the question's order.
    /// </summary>
    public (double Weight, ulong Sentences)[] TermsIn(IReadOnlyDictionary<uint, ulong> sentenceMasks)
    {
        ArgumentNullException.ThrowIfNull(sentenceMasks);
        var held = new List<(double, ulong)>();
        foreach (var (term, weight) in _terms)
        {
            if (sentenceMasks.TryGetValue(term, out var mask))
            {
                held.Add((weight, mask));
            }
        }

        return [.. held];
    }

    /// <summary>
    /// Σ weight of the terms (<see cref="TermsIn(IReadOnlyDictionary{uint, ulong})"/>) that sentence i holds: the same
    /// sum, added in the same order, as <see cref="Score(IReadOnlySet{uint}, ValueTuple{uint, double}[])"/> on its terms.
    /// </summary>
    public static double Score(int sentence, (double Weight, ulong Sentences)[] among)
    {
        ArgumentNullException.ThrowIfNull(among);
        var bit = 1UL << sentence;
        double score = 0;
        foreach (var (weight, sentences) in among)
        {
            if ((sentences & bit) != 0)
            {
                score += weight;
            }
        }

        return score;
    }

    /// <summary>Σ idf · weight of the given question terms (<see cref="TermsIn"/>) that the text holds.</summary>
    public static double Score(IReadOnlySet<uint> terms, (uint Term, double Weight)[] among)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(among);
        double score = 0;
        foreach (var (term, weight) in among)
        {
            if (terms.Contains(term))
            {
                score += weight;
            }
        }

        return score;
    }

    /// <summary>Σ idf · weight of the question's terms the text holds.</summary>
    public double Score(IReadOnlySet<uint> terms) => Score(terms, _terms);

    private int[] Indices(Func<string, bool> holds)
    {
        var indices = new List<int>();
        for (var i = 0; i < _words.Length; i++)
        {
            if (holds(_words[i]))
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    private static uint Id(string term) => VietnameseAnalyzer.TermIndex(term);

    private static bool ContainsAny(IReadOnlySet<uint> terms, uint[] wanted)
    {
        foreach (var term in wanted)
        {
            if (terms.Contains(term))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAll(IReadOnlySet<uint> terms, uint[] wanted)
    {
        foreach (var term in wanted)
        {
            if (!terms.Contains(term))
            {
                return false;
            }
        }

        return true;
    }
}
