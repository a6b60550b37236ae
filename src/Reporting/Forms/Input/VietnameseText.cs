using System.Globalization;
using System.Text;

namespace DtsAssistant.Reporting.Forms.Input;

/// <summary>
/// Folds Vietnamese text for matching: lower case, no diacritics, "đ" as "d", single spaces.
/// People type with and without diacritics and with legacy tone placement ("hoà"/"hòa"); folding makes them equal.
/// </summary>
public static class VietnameseText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate is not valid Unicode and cannot be normalized: fold the text without surrogates.
            decomposed = new string(text.Where(c => !char.IsSurrogate(c)).ToArray()).Normalize(NormalizationForm.FormD);
        }

        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    /// <summary>Folds and keeps only letters, digits and single spaces (punctuation becomes a space).</summary>
    public static string FoldWords(string? text)
    {
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return Fold(builder.ToString());
    }

    /// <summary>The folded words of a text, for keyword matching.</summary>
    public static string[] Words(string? text) =>
        FoldWords(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
