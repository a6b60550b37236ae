using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Understanding;

/// <summary>A phrase of the question lexicon, tokenised once: its accented and folded syllables.</summary>
public sealed class Phrase
{
    public Phrase(string text)
    {
        var tokens = VietnameseTokenizer.Tokenize(text);
        Tokens = tokens;
        Normalized = tokens.Select(t => t.Normalized).ToArray();
        Folded = tokens.Select(t => t.Folded).ToArray();
        NormalizedIds = Normalized.Select(LexiconWords.Id).ToArray();
        FoldedIds = Folded.Select(LexiconWords.Id).ToArray();
    }

    /// <summary>The syllables as lexicon word numbers (<see cref="LexiconWords"/>), compared instead of strings.</summary>
    internal int[] NormalizedIds { get; }

    internal int[] FoldedIds { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public string[] Normalized { get; }

    public string[] Folded { get; }

    public static Phrase[] List(params string[] phrases) => phrases.Select(p => new Phrase(p)).ToArray();
}

/// <summary>Every syllable the lexicon uses, numbered as phrases are made: a question's words are looked up once.</summary>
internal static class LexiconWords
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static int _next;

    /// <summary>How many numbers have been handed out (every number is below this).</summary>
    public static int Count => Volatile.Read(ref _next);

    public static int Id(string word) => Ids.GetOrAdd(word, static _ => Interlocked.Increment(ref _next) - 1);

    /// <summary>The word's number, or -1 when no phrase uses it.</summary>
    public static int Find(string word) => Ids.TryGetValue(word, out var id) ? id : -1;
}

/// <summary>
/// Finds lexicon phrases in a question's tokens, whole syllables only. A word typed with diacritics must match the
/// phrase's own diacritics ("lộ" is not "lo"); a word typed without them matches every accented form.
/// </summary>
internal sealed class PhraseMatcher(IReadOnlyList<Token> tokens, bool accented)
{
    // Each lexicon list indexed once by the number of its phrases' folded first word, so that a question is read in one
    // pass over its tokens per list, comparing numbers rather than strings.
    private sealed class PhraseIndex(Phrase[] phrases)
    {
        public int MaxWordId { get; } = phrases.SelectMany(p => p.FoldedIds.Concat(p.NormalizedIds)).DefaultIfEmpty(-1).Max();

        public Phrase[]?[] ByFirstWord { get; } = phrases.Where(p => p.FoldedIds.Length > 0)
            .GroupBy(p => p.FoldedIds[0])
            .Aggregate(new Phrase[]?[phrases.SelectMany(p => p.FoldedIds.Take(1)).DefaultIfEmpty(-1).Max() + 1], (byFirst, g) =>
            {
                byFirst[g.Key] = g.ToArray();
                return byFirst;
            });
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Phrase[], PhraseIndex> Indexes = [];

    private int[]? _foldedIds;
    private int[]? _normalizedIds;
    private int _known;

    /// <summary>The phrases starting at each token, by the token's word number (null where none does).</summary>
    private Phrase[]?[] StartingAt(Phrase[] phrases)
    {
        var index = Indexes.GetValue(phrases, static list => new PhraseIndex(list));
        if (_foldedIds is null || index.MaxWordId >= _known)
        {
            // Number the question's words against the lexicon as it is now (lists made later may add words).
            _known = LexiconWords.Count;
            _foldedIds = tokens.Select(t => LexiconWords.Find(t.Folded)).ToArray();
            _normalizedIds = tokens.Select(t => t.Normalized == t.Folded ? -2 : LexiconWords.Find(t.Normalized)).ToArray();
        }

        return index.ByFirstWord;
    }

    public bool Has(Phrase[] phrases)
    {
        var byFirst = StartingAt(phrases);
        var ids = _foldedIds!;
        for (var i = 0; i < ids.Length; i++)
        {
            if ((uint)ids[i] < (uint)byFirst.Length && byFirst[ids[i]] is { } starting)
            {
                foreach (var phrase in starting)
                {
                    if (MatchesAt(phrase, i))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Marks every occurrence of the phrases; true when any was found.</summary>
    public bool MarkAny(Phrase[] phrases, bool[] marked)
    {
        var byFirst = StartingAt(phrases);
        var ids = _foldedIds!;
        var any = false;
        for (var i = 0; i < ids.Length; i++)
        {
            if ((uint)ids[i] >= (uint)byFirst.Length || byFirst[ids[i]] is not { } starting)
            {
                continue;
            }

            foreach (var phrase in starting)
            {
                if (MatchesAt(phrase, i))
                {
                    any = true;
                    for (var j = 0; j < phrase.Folded.Length; j++)
                    {
                        marked[i + j] = true;
                    }
                }
            }
        }

        return any;
    }

    public bool IsSmallTalkFiller(int i) => QuestionLexicon.IsSmallTalkFiller(tokens[i], accented);

    /// <summary>"tháng", "quý", "năm" used as a period ("báo cáo tháng"), not "năm học" or a date ("tháng 11/2025").</summary>
    public bool HasPeriodWord(string folded)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Folded != folded || (accented && VietnameseText.HasDiacritics(tokens[i].Normalized) && tokens[i].Normalized is not ("tháng" or "quý" or "năm")))
            {
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1].Folded : string.Empty;
            if (folded == "nam" && (next == "hoc" || next.All(char.IsAsciiDigit) && next.Length > 0))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>"tháng 10", "quý 3", "quý IV": a reporting period named by number.</summary>
    public bool HasNumberedPeriod()
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Folded is "thang" or "quy" && (tokens[i + 1].Folded.All(char.IsAsciiDigit) || tokens[i + 1].Folded is "i" or "ii" or "iii" or "iv"))
            {
                return true;
            }
        }

        return false;
    }

    // A token typed without diacritics (its normalised form is its folded form, number -2) matches any accented form.
    private bool MatchesAt(Phrase phrase, int at)
    {
        var folded = _foldedIds!;
        var normalized = _normalizedIds!;
        if (at + phrase.FoldedIds.Length > folded.Length)
        {
            return false;
        }

        for (var j = 0; j < phrase.FoldedIds.Length; j++)
        {
            if (folded[at + j] != phrase.FoldedIds[j] || (accented && normalized[at + j] != -2 && normalized[at + j] != phrase.NormalizedIds[j]))
            {
                return false;
            }
        }

        return true;
    }
}
