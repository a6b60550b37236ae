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
    }

    public IReadOnlyList<Token> Tokens { get; }

    public string[] Normalized { get; }

    public string[] Folded { get; }

    public static Phrase[] List(params string[] phrases) => phrases.Select(p => new Phrase(p)).ToArray();
}

/// <summary>
/// Finds lexicon phrases in a question's tokens, whole syllables only. A word typed with diacritics must match the
/// phrase's own diacritics ("lộ" is not "lo"); a word typed without them matches every accented form.
/// </summary>
internal sealed class PhraseMatcher(IReadOnlyList<Token> tokens, bool accented)
{
    // Each lexicon list indexed once by the folded first word of its phrases, so that a question is read in one pass over
    // its tokens instead of one pass per phrase.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Phrase[], Dictionary<string, Phrase[]>> ByFirstWord = [];

    private static Dictionary<string, Phrase[]> IndexOf(Phrase[] phrases) =>
        ByFirstWord.GetValue(phrases, static list => list.Where(p => p.Folded.Length > 0)
            .GroupBy(p => p.Folded[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));

    public bool Has(Phrase[] phrases)
    {
        var index = IndexOf(phrases);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (index.TryGetValue(tokens[i].Folded, out var starting))
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
        var index = IndexOf(phrases);
        var any = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!index.TryGetValue(tokens[i].Folded, out var starting))
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

    private bool MatchesAt(Phrase phrase, int at)
    {
        if (at + phrase.Folded.Length > tokens.Count)
        {
            return false;
        }

        for (var j = 0; j < phrase.Folded.Length; j++)
        {
            var token = tokens[at + j];
            if (token.Folded != phrase.Folded[j] || (accented && token.Normalized != token.Folded && token.Normalized != phrase.Normalized[j]))
            {
                return false;
            }
        }

        return true;
    }
}
