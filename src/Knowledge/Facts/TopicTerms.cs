using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Facts;

/// <summary>
/// The words of one fact (a table row, a target sentence, a reporting clause) as topic linking sees them: folded
/// syllables, accented syllables, folded bigrams, and for every glossary entry the fact uses, the other form too
/// (a row saying "cơ sở dữ liệu" is also about "CSDL"; one saying "GDTrH" is also about "giáo dục trung học").
/// Built once at index time. Words are kept as 64-bit keys (FNV-1a of the text): a topic is matched against every fact
/// of the plan for each question, and comparing numbers is several times cheaper than hashing strings.
/// </summary>
public sealed class TopicTerms
{
    private readonly HashSet<ulong> _folded = [];
    private readonly HashSet<ulong> _accented = [];
    private readonly HashSet<ulong> _bigrams = [];

    public TopicTerms(string text, Glossary glossary)
    {
        ArgumentNullException.ThrowIfNull(glossary);
        _glossary = glossary;
        Include(text);
    }

    private readonly Glossary _glossary;

    /// <summary>Adds the words of another text that states the same fact (the plan's body restating an appendix row).</summary>
    public void Include(string text)
    {
        var tokens = VietnameseTokenizer.Tokenize(text);
        Add(tokens);
        var folded = new List<string>(tokens.Count + 4);
        foreach (var token in tokens)
        {
            folded.Add(token.Folded);
        }

        var words = folded.ToArray();
        foreach (var (typed, written) in Understanding.QuestionLexicon.Equivalents)
        {
            if (Glossary.IndexOf(words, written.Folded) >= 0)
            {
                Add(typed.Tokens);
                folded.AddRange(typed.Folded);
            }
        }

        var all = folded.Count == words.Length ? words : folded.ToArray();
        foreach (var (entry, at, length, abbreviation) in _glossary.Matches(all))
        {
            var other = abbreviation ? entry.ExpansionTokens : entry.AbbreviationTokens;
            Add(entry.AbbreviationTokenList);
            Add(entry.ExpansionTokenList);
            // The other form stands where this one stood: "cơ sở dữ liệu ngành" also gives the pair "csdl ngành".
            if (at > 0 && other.Length > 0)
            {
                _bigrams.Add(PairKey(all[at - 1], other[0]));
            }

            if (at + length < all.Length && other.Length > 0)
            {
                _bigrams.Add(PairKey(other[^1], all[at + length]));
            }
        }
    }

    /// <summary>Whether the fact uses this word: by its accents when the question typed them, by its folded form otherwise.</summary>
    public bool Covers(Token token) => Covers(WordKey(token));

    /// <summary>The same with the word's key made beforehand (<see cref="WordKey"/>).</summary>
    public bool Covers((bool Accented, ulong Key) word) => word.Accented ? _accented.Contains(word.Key) : _folded.Contains(word.Key);

    /// <summary>Whether the fact has the pair of folded words whose key this is (<see cref="PairKey"/>).</summary>
    public bool HasBigram(ulong key) => _bigrams.Contains(key);

    /// <summary>The keys of every folded word the fact uses (an accented word it uses is also there, folded).</summary>
    internal IReadOnlyCollection<ulong> FoldedKeys => _folded;

    /// <summary>The key of a word's folded form, as <see cref="FoldedKeys"/> holds it.</summary>
    internal static ulong FoldedKey(Token token) => Key(token.Folded);

    /// <summary>How a question's word is looked up: by its accents when it was typed with them, else folded.</summary>
    public static (bool Accented, ulong Key) WordKey(Token token) =>
        token.Normalized != token.Folded ? (true, Key(token.Normalized)) : (false, Key(token.Folded));

    /// <summary>The key of two adjacent folded words ("hoc" "ba"), as if written "hoc_ba".</summary>
    public static ulong PairKey(string first, string second) => Key(second, Key("_", Key(first)));

    private const ulong FnvOffset = 14695981039346656037UL;

    private static ulong Key(string text, ulong hash = FnvOffset)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private void Add(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            _folded.Add(Key(tokens[i].Folded));
            _accented.Add(Key(tokens[i].Normalized));
            if (i + 1 < tokens.Count && tokens[i + 1].Segment == tokens[i].Segment)
            {
                _bigrams.Add(PairKey(tokens[i].Folded, tokens[i + 1].Folded));
            }
        }
    }
}
