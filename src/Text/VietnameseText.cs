using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DtsAssistant.Text;

/// <summary>
/// Vietnamese text for matching, shared by knowledge search, form input and the directory. People type with and
/// without diacritics and with the old tone placement ("hoà"/"hòa"); folding makes those equal.
/// </summary>
public static class VietnameseText
{
    private const string Tones = "\u0300\u0301\u0309\u0303\u0323"; // huyền, sắc, hỏi, ngã, nặng

    private static readonly ConcurrentDictionary<char, char> FoldedChars = new();

    private enum Separators
    {
        /// <summary>Only white space separates words.</summary>
        WhiteSpace,

        /// <summary>Everything but letters and digits separates words.</summary>
        NonAlphanumeric,

        /// <summary>Everything but letters, digits, % and / separates words.</summary>
        NonAlphanumericKeepPercentAndSlash,
    }

    /// <summary>NFC, lower case, and the tone of open "oa/oe/uy" syllables on the first vowel (hoà → hòa, thuỷ → thủy).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = SafeNormalize(text, NormalizationForm.FormC).ToLowerInvariant();
        return UnifyTonePlacement(lower);
    }

    /// <summary>Lower case, no diacritics (đ → d), every run of white space as one space, trimmed; null is "".</summary>
    public static string Fold(string? text) => Fold(text, Separators.WhiteSpace);

    /// <summary>
    /// Same as <see cref="Fold(string?)"/> (folding drops the tone marks whose placement <see cref="Normalize"/> unifies),
    /// for callers that compare with normalised text.
    /// </summary>
    public static string NormalizeAndFold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Fold(text);
    }

    /// <summary>Folds and keeps only letters, digits and single spaces (punctuation becomes a space).</summary>
    public static string FoldWords(string? text) => Fold(text, Separators.NonAlphanumeric);

    /// <summary>The folded words of a text, for keyword matching.</summary>
    public static string[] Words(string? text) =>
        FoldWords(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The comparison form of the eval files: lower case, no diacritics (đ → d), every run of characters other than
    /// letters, digits, % and / as one space.
    /// </summary>
    public static string FoldForMatching(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Fold(text, Separators.NonAlphanumericKeepPercentAndSlash);
    }

    /// <summary>
    /// Folds character by character (each precomposed letter to its base letter, case kept), so the result has the same
    /// length as the NFC input and positions in one map to the other. Combining marks left in the input become spaces.
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

    /// <summary>True when the text carries any Vietnamese diacritic (so the writer was typing with accents).</summary>
    public static bool HasDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in SafeNormalize(text, NormalizationForm.FormD))
        {
            if (c is 'đ' or 'Đ' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one folding loop: decompose, drop the marks, đ → d, lower case, one space for each run of separators.</summary>
    private static string Fold(string? text, Separators separators)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = SafeNormalize(text, NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var separates = separators switch
            {
                Separators.WhiteSpace => char.IsWhiteSpace(c),
                Separators.NonAlphanumeric => !char.IsLetterOrDigit(c),
                _ => !char.IsLetterOrDigit(c) && c is not ('%' or '/'),
            };
            if (separates)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
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

        var decomposed = SafeNormalize(c.ToString(), NormalizationForm.FormD);
        return decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : c;
    }

    // Only syllables ending in the glide pair are ambiguous: "hoàn" has one accepted form, "hoà/hòa" has two.
    private static string UnifyTonePlacement(string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        var decomposed = SafeNormalize(text, NormalizationForm.FormD);
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

    /// <summary>
    /// Normalizes text that may hold lone surrogates (not valid Unicode; string.Normalize throws on them, so a pasted
    /// fragment of an emoji once made command parsing fail): they are dropped first.
    /// </summary>
    private static string SafeNormalize(string text, NormalizationForm form)
    {
        try
        {
            return text.Normalize(form);
        }
        catch (ArgumentException)
        {
            return new string(text.Where(c => !char.IsSurrogate(c)).ToArray()).Normalize(form);
        }
    }
}
