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
        var original = text.Normalize(NormalizationForm.FormC);
        var tokens = new List<Token>();
        var segment = 0;
        var i = 0;
        while (i < original.Length)
        {
            var c = original[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < original.Length && (char.IsLetterOrDigit(original[i]) || char.GetUnicodeCategory(original[i]) == System.Globalization.UnicodeCategory.NonSpacingMark))
                {
                    i++;
                }

                if (i < original.Length && original[i] == '%' && char.IsDigit(original[i - 1]))
                {
                    i++;
                }

                var surface = original[start..i];
                var normalized = VietnameseText.Normalize(surface);
                var upper = surface.Length > 1 && surface.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) && surface.Any(char.IsLetter);
                tokens.Add(new Token(normalized, VietnameseText.Fold(normalized), segment, upper));
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

    // Slashes, dashes and ampersands join parts of one name or date ("10/12", "GDNN&GDTX"), so they do not break phrases.
    private static bool IsSegmentBreak(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or '(' or ')' or '[' or ']'
        or '"' or '“' or '”' or '\n' or '|' or '—' or '–' or '…' or '<' or '>';
}
