using System.Globalization;
using System.Text;

namespace DtsAssistant.Reporting.Directory;

/// <summary>Folds Vietnamese text for matching: lower case, no diacritics, đ → d, trimmed.</summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c == 'đ' ? 'd' : c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
