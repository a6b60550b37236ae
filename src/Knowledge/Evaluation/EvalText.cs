using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Evaluation;

/// <summary>
/// The comparison rules of the eval files: both sides folded (NFC, lower case, no Vietnamese diacritics, đ → d, every
/// run of characters other than letters, digits, % and / as one space), and an expected phrase counts only where it
/// stands as whole words: no letter or digit directly before or after it. So "hỏi" is not found inside "thời",
/// "50%" not inside "150%", while "12/2025" is found in "31/12/2025" and "20" in "20/12/2025" ('/' separates).
/// </summary>
public static class EvalText
{
    /// <summary>The folded comparison form.</summary>
    public static string Fold(string text) => VietnameseText.FoldForMatching(text);

    /// <summary>True when <paramref name="phrase"/>, folded, occurs as whole words in the already folded <paramref name="folded"/>.</summary>
    public static bool ContainsPhrase(string folded, string phrase)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var needle = Fold(phrase);
        if (needle.Length == 0)
        {
            return false;
        }

        for (var at = folded.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var end = at + needle.Length;
            if ((at == 0 || !char.IsLetterOrDigit(folded[at - 1])) && (end == folded.Length || !char.IsLetterOrDigit(folded[end])))
            {
                return true;
            }
        }

        return false;
    }
}
