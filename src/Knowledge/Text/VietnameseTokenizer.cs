using System.Text;

namespace DtsAssistant.Knowledge.Text;

/// <summary>
/// One syllable (or number) of text: its normalised form, its folded form, whether it was typed in capitals, and the
/// phrase segment it belongs to (punctuation starts a new segment, so bigrams never cross a comma or full stop).
/// </summary>
public readonly record struct Token(string Normalized, string Folded, int Segment, bool IsUpperCase);

/// <summary>Splits Vietnamese text into syllables. "80%" stays one token; "10/12" becomes two tokens of one segment.</summary>
public static class VietnameseTokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Normalise and fold the whole text once; both keep the NFC text's length, so token positions line up.
        var original = VietnameseText.Nfc(text);
        var normalized = VietnameseText.Normalize(original);
        var folded = VietnameseText.FoldAligned(normalized);
        var tokens = new List<Token>((normalized.Length / 5) + 4);
        var segment = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < normalized.Length && (char.IsLetterOrDigit(normalized[i]) || char.GetUnicodeCategory(normalized[i]) == System.Globalization.UnicodeCategory.NonSpacingMark))
                {
                    i++;
                }

                if (i < normalized.Length && normalized[i] == '%' && char.IsDigit(normalized[i - 1]))
                {
                    i++;
                }

                var upper = i - start > 1 && IsUpperCase(original, start, i);
                tokens.Add(new Token(normalized[start..i], folded[start..i], segment, upper));
                continue;
            }

            if (IsSegmentBreak(c))
            {
                segment++;
            }

            i++;
        }

        return tokens;
    }

    private static bool IsUpperCase(string text, int start, int end)
    {
        var letters = false;
        for (var i = start; i < end && i < text.Length; i++)
        {
            if (char.IsLetter(text[i]))
            {
                if (!char.IsUpper(text[i]))
                {
                    return false;
                }

                letters = true;
            }
        }

        return letters;
    }

    // Slashes, dashes and ampersands join parts of one name or date ("10/12", "GDNN&GDTX"), so they do not break phrases.
    private static bool IsSegmentBreak(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '[' or ']'
        or '"' or '“' or '”' or '\n' or '|' or '—' or '–' or '…' or '<' or '>';
}
