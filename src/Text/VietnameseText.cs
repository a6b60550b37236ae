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
        return UnifyTonePlacement(ToLowerInvariant(Nfc(text)));
    }

    /// <summary>
    /// The text in Unicode NFC (lone surrogates dropped). Text made only of characters that no normalisation changes or
    /// combines (Latin, Vietnamese precomposed letters, common punctuation) is returned as is, without a call into ICU.
    /// </summary>
    public static string Nfc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!IsNfcInert(c))
            {
                return SafeNormalize(text, NormalizationForm.FormC);
            }
        }

        return text;
    }

    /// <summary>
    /// string.ToLowerInvariant, character by character from a table (BMP characters map one to one in invariant casing),
    /// without a call into ICU for text that is already lower case or plain.
    /// </summary>
    private static string ToLowerInvariant(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                return text.ToLowerInvariant();
            }

            if ((c < 128 ? (char)(c is >= 'A' and <= 'Z' ? c + 32 : c) : InfoOf(c).Lower) != c)
            {
                return string.Create(text.Length, (text, i), static (span, state) =>
                {
                    var (source, from) = state;
                    source.AsSpan(0, from).CopyTo(span);
                    for (var j = from; j < source.Length; j++)
                    {
                        var d = source[j];
                        span[j] = d < 128 ? (char)(d is >= 'A' and <= 'Z' ? d + 32 : d) : InfoOf(d).Lower;
                    }
                });
            }
        }

        return text;
    }

    /// <summary>The text in NFC, or false when it is not valid Unicode (lone surrogates, noncharacters), as typed input may be.</summary>
    public static bool TryNfc(string text, out string nfc)
    {
        ArgumentNullException.ThrowIfNull(text);
        nfc = text;
        foreach (var c in text)
        {
            if (!IsNfcInert(c))
            {
                try
                {
                    nfc = text.Normalize(NormalizationForm.FormC);
                }
                catch (ArgumentException)
                {
                    return false;
                }

                return true;
            }
        }

        return true;
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
                span[i] = c < 128 ? c : InfoOf(c).Aligned;
            }
        });
    }

    /// <summary>True when the text carries any Vietnamese diacritic (so the writer was typing with accents).</summary>
    public static bool HasDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (c >= 128 && !char.IsSurrogate(c) && InfoOf(c).HasDiacritic)
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

        // Lone surrogates are dropped (as SafeNormalize does); a pair is one character with no decomposition that matters.
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var inert = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    // Decompose the pair the slow way: rare (emoji, historic scripts).
                    foreach (var d in SafeNormalize(text.Substring(i, 2), NormalizationForm.FormD))
                    {
                        Append(d);
                    }

                    i++;
                }

                continue;
            }

            if (c < 128)
            {
                Append(c);
                continue;
            }

            foreach (var d in InfoOf(c).Base)
            {
                Append(d);
            }
        }

        // Without marks, only characters outside the inert ranges (Hangul jamo, some Indic vowels) could compose again.
        return inert ? builder.ToString() : SafeNormalize(builder.ToString(), NormalizationForm.FormC);

        void Append(char c)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                return;
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
                return;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            var lower = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            inert &= IsNfcInert(lower);
            builder.Append(lower);
        }
    }

    /// <summary>
    /// Characters that Unicode normalisation leaves alone and never combines with a neighbour: everything below the
    /// combining marks (Latin, Latin-1, Latin Extended), Latin Extended Additional (the precomposed Vietnamese letters)
    /// and the usual punctuation (dashes, quotes, ellipsis, ‰).
    /// </summary>
    private static bool IsNfcInert(char c) =>
        c < 0x300 || c is (>= '\u1E00' and <= '\u1EFF') or (>= '\u2010' and <= '\u2027') or (>= '\u2030' and <= '\u205E');

    /// <summary>What folding needs to know of one character, worked out once (from its canonical decomposition).</summary>
    private sealed record CharInfo(string Base, char Aligned, bool HasDiacritic, char Lower);

    private static readonly CharInfo?[] Infos = new CharInfo?[char.MaxValue + 1];

    private static CharInfo InfoOf(char c) => Infos[c] ??= Describe(c);

    private static CharInfo Describe(char c)
    {
        // Lone surrogates have no decomposition; noncharacters (U+FFFE), which ICU refuses, are their own.
        var decomposed = char.IsSurrogate(c) ? string.Empty : SafeNormalize(c.ToString(), NormalizationForm.FormD);
        var baseChars = new string(decomposed.Where(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark).ToArray());
        var hasDiacritic = c is 'đ' or 'Đ' || decomposed.Any(d => CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark);
        return new CharInfo(baseChars, AlignedFold(c, decomposed), hasDiacritic, char.IsSurrogate(c) ? c : c.ToString().ToLowerInvariant()[0]);
    }

    private static char AlignedFold(char c, string decomposed)
    {
        if (c is 'đ' or 'Đ')
        {
            return c == 'đ' ? 'd' : 'D';
        }

        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return ' ';
        }

        return decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : c;
    }

    // Only syllables ending in the glide pair are ambiguous: "hoàn" has one accepted form, "hoà/hòa" has two.
    private static string UnifyTonePlacement(string text)
    {
        // Lower-casing NFC text can leave it out of NFC: "Ϋ" + grave has no capital precomposed form, "ϋ" + grave has.
        text = Nfc(text);
        if (text.Length < 2)
        {
            return text;
        }

        // The NFC text holds each toned vowel as one character: look for "o"/"u" before a toned "a", "e" or "y" first,
        // which most text does not have, before decomposing.
        var candidate = false;
        for (var i = 1; i < text.Length && !candidate; i++)
        {
            candidate = text[i - 1] is 'o' or 'u' && TonedGlideVowels.Contains(text[i], StringComparison.Ordinal);
        }

        if (!candidate)
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

        return SafeNormalize(chars.ToString(), NormalizationForm.FormC);
    }

    /// <summary>a, e and y with a tone mark and nothing else: the second vowel of "oa", "oe", "uy" when it carries the tone.</summary>
    private const string TonedGlideVowels = "àáảãạèéẻẽẹỳýỷỹỵ";

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
            var valid = new string(text.Where(c => !char.IsSurrogate(c)).ToArray());
            try
            {
                return valid.Normalize(form);
            }
            catch (ArgumentException)
            {
                // Noncharacters (U+FFFE, U+FFFF) are refused too: such text is left as it is.
                return valid;
            }
        }
    }
}
