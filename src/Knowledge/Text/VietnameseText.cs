using System.Globalization;
using System.Text;

namespace DtsAssistant.Knowledge.Text;

/// <summary>
/// Vietnamese normalisation shared by indexing, querying and answer checks: NFC, one tone placement, case folding,
/// and diacritic folding for matching text typed without accents.
/// </summary>
public static class VietnameseText
{
    private const string Tones = "\u0300\u0301\u0309\u0303\u0323"; // huyền, sắc, hỏi, ngã, nặng

    /// <summary>NFC, lower case, and the tone of open "oa/oe/uy" syllables on the first vowel (hoà → hòa, thuỷ → thủy).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        return UnifyTonePlacement(lower);
    }

    /// <summary>Removes every diacritic (đ → d) from already normalised text.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<char, char> FoldedChars = new();

    /// <summary>
    /// Folds character by character (each precomposed letter to its base letter), so the result has the same length
    /// as the NFC input and positions in one map to the other. Combining marks left in the input become spaces.
    /// </summary>
    public static string FoldAligned(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c < 128 ? c : FoldedChars.GetOrAdd(c, FoldChar);
            }
        });
    }

    private static char FoldChar(char c)
    {
        if (c is 'đ' or 'Đ')
        {
            return c == 'đ' ? 'd' : 'D';
        }

        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return ' ';
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : c;
    }

    /// <summary>Normalise then fold: the form used when one side may have been typed without accents.</summary>
    public static string NormalizeAndFold(string text) => Fold(Normalize(text));

    /// <summary>True when the text carries any Vietnamese diacritic (so the writer was typing with accents).</summary>
    public static bool HasDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (c is 'đ' or 'Đ' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                return true;
            }
        }

        return false;
    }

    // Only syllables ending in the glide pair are ambiguous: "hoàn" has one accepted form, "hoà/hòa" has two.
    private static string UnifyTonePlacement(string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var chars = new StringBuilder(decomposed);
        for (var i = 1; i < chars.Length - 1; i++)
        {
            var first = chars[i - 1];
            var second = chars[i];
            var tone = chars[i + 1];
            if (Tones.IndexOf(tone, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var pair = (first, second) is ('o', 'a') or ('o', 'e') or ('u', 'y');
            if (!pair)
            {
                continue;
            }

            // "qu" is a consonant: "quý" keeps its tone on y.
            if (first == 'u' && i >= 2 && chars[i - 2] == 'q')
            {
                continue;
            }

            var end = i + 2;
            var syllableEnds = end >= chars.Length
                || (!char.IsLetter(chars[end]) && CharUnicodeInfo.GetUnicodeCategory(chars[end]) != UnicodeCategory.NonSpacingMark);
            if (!syllableEnds)
            {
                continue;
            }

            // Move the tone mark from the second vowel to the first: o a ` → o ` a.
            chars[i] = tone;
            chars[i + 1] = second;
        }

        return chars.ToString().Normalize(NormalizationForm.FormC);
    }
}
