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
    public bool Has(Phrase[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (IndexOf(phrase, 0) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks every occurrence of the phrases; true when any was found.</summary>
    public bool MarkAny(Phrase[] phrases, bool[] marked)
    {
        var any = false;
        foreach (var phrase in phrases)
        {
            for (var at = IndexOf(phrase, 0); at >= 0; at = IndexOf(phrase, at + 1))
            {
                any = true;
                for (var j = 0; j < phrase.Folded.Length; j++)
                {
                    marked[at + j] = true;
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

    private int IndexOf(Phrase phrase, int from)
    {
        var length = phrase.Folded.Length;
        for (var i = from; i + length <= tokens.Count; i++)
        {
            var match = true;
            for (var j = 0; j < length && match; j++)
            {
                var token = tokens[i + j];
                match = token.Folded == phrase.Folded[j]
                    && (!accented || token.Normalized == token.Folded || token.Normalized == phrase.Normalized[j]);
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
