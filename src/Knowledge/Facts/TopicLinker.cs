using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;
using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Facts;

/// <summary>How well a fact's words hold a question's topic: idf-weighted share covered, and a score with bigram bonus.</summary>
public readonly record struct TopicMatch(double Coverage, double Score)
{
    public static TopicMatch None { get; } = new(0, 0);
}

/// <summary>
/// Links a question's topic words to facts by idf-weighted overlap (idf from the whole knowledge base, so "triển khai"
/// counts little and "học bạ" much), with a bonus for adjacent word pairs the fact also has ("học bạ", "kỹ năng").
/// </summary>
public sealed class TopicLinker
{
    private readonly Token[] _tokens;
    private readonly double[] _weights;
    private readonly double _total;

    // Adjacent topic words that the documents also use as a pair ("học liệu", "giáo viên"): a fact covers them only
    // as that pair, so "học liệu số" is not covered by "Bình dân học vụ số" plus "dữ liệu".
    private readonly (int First, int Second)[] _phrases;

    // The key of each topic word and of each adjacent pair ("hoc_ba"), made once rather than for every fact matched.
    private readonly (bool Accented, ulong Key)[] _wordKeys;
    private readonly ulong[] _pairKeys;

    public TopicLinker(UnderstoodQuestion question, InvertedIndex index, Glossary? glossary = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(index);
        _tokens = [.. question.TopicTokens];
        _wordKeys = _tokens.Select(TopicTerms.WordKey).ToArray();
        _pairKeys = new ulong[Math.Max(0, _tokens.Length - 1)];
        for (var i = 0; i + 1 < _tokens.Length; i++)
        {
            _pairKeys[i] = TopicTerms.PairKey(_tokens[i].Folded, _tokens[i + 1].Folded);
        }

        _weights = _tokens.Select(t => TokenWeight(t, index, glossary)).ToArray();
        var phrases = new List<(int, int)>();
        for (var i = 0; i + 1 < _tokens.Length; i++)
        {
            // An abbreviation ("trang web", "CSDL ngành") is matched through its expansion, not as a pair.
            if (i < question.TopicJoins.Count && question.TopicJoins[i] && _tokens[i].Folded != _tokens[i + 1].Folded
                && !IsAbbreviation(_tokens[i], glossary) && !IsAbbreviation(_tokens[i + 1], glossary)
                && index.Contains("b:" + _tokens[i].Folded + "_" + _tokens[i + 1].Folded))
            {
                phrases.Add((i, i + 1));
            }
        }

        _phrases = [.. phrases];
        // A word typed twice counts once.
        for (var i = 0; i < _tokens.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (_tokens[j].Normalized == _tokens[i].Normalized)
                {
                    _weights[i] = 0;
                }
            }
        }

        _total = _weights.Sum();
    }

    private static bool IsAbbreviation(Token token, Glossary? glossary) => glossary?.OneWordAbbreviation(token.Folded) is not null;

    /// <summary>An abbreviation typed ("GV") weighs as its expansion's most specific word, not as an unseen term.</summary>
    private static double TokenWeight(Token token, InvertedIndex index, Glossary? glossary)
    {
        var entry = glossary?.OneWordAbbreviation(token.Folded);
        return entry is null ? index.Idf("u:" + token.Folded) : entry.ExpansionTokens.Max(t => index.Idf("u:" + t));
    }

    /// <summary>Total idf of the topic words: how much the question names at all.</summary>
    public double Weight => _total;

    public int Count => _tokens.Length;

    public TopicMatch Match(TopicTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (_total <= 0)
        {
            return TopicMatch.None;
        }

        Span<bool> covered = stackalloc bool[_tokens.Length];
        for (var i = 0; i < _tokens.Length; i++)
        {
            covered[i] = terms.Covers(_wordKeys[i]);
        }

        if (_phrases.Length > 0)
        {
            Span<bool> inPhrase = stackalloc bool[_tokens.Length];
            Span<bool> viaPhrase = stackalloc bool[_tokens.Length];
            foreach (var (first, second) in _phrases)
            {
                inPhrase[first] = inPhrase[second] = true;
                if (terms.HasBigram(_pairKeys[first]))
                {
                    viaPhrase[first] = viaPhrase[second] = true;
                }
            }

            for (var i = 0; i < _tokens.Length; i++)
            {
                covered[i] &= !inPhrase[i] || viaPhrase[i];
            }
        }

        double found = 0, bonus = 0;
        for (var i = 0; i < _tokens.Length; i++)
        {
            if (covered[i])
            {
                found += _weights[i];
                if (i + 1 < _tokens.Length && covered[i + 1] && terms.HasBigram(_pairKeys[i]))
                {
                    bonus += 0.5 * (_weights[i] + _weights[i + 1]);
                }
            }
        }

        return new TopicMatch(found / _total, found + bonus);
    }
}
