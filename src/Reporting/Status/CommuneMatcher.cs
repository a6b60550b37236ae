using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Reporting.Status;

/// <summary>A commune named in a question, or several equally good candidates, or none.</summary>
public sealed record CommuneMatch(CommuneInfo? Commune, IReadOnlyList<CommuneInfo> Candidates)
{
    public static readonly CommuneMatch None = new(null, []);
}

/// <summary>
/// Finds the commune a question names, by the directory's own names: the text and every commune's name (without
/// "xã"/"phường"/"thị trấn") and code are folded to words without diacritics, and the longest name found as whole words
/// wins ("Nam Hoa Lư" over "Hoa Lư"). A one-word name counts only right after "xã"/"phường", so ordinary words
/// ("năm", "quý") are not taken for communes. No stop-word list: any accent form or the code works.
/// </summary>
public static class CommuneMatcher
{
    private static readonly string[][] Prefixes = [["xa"], ["phuong"], ["thi", "tran"]];

    public static CommuneMatch Find(IEnumerable<CommuneInfo> communes, string text)
    {
        var words = VietnameseText.Words(text);
        if (words.Length == 0)
        {
            return CommuneMatch.None;
        }

        var best = new List<CommuneInfo>();
        var bestLength = 0;
        foreach (var commune in communes)
        {
            var length = Math.Max(Matches(words, NameWords(commune.Name)), Matches(words, VietnameseText.Words(commune.Code), isCode: true));
            if (length == 0 || length < bestLength)
            {
                continue;
            }

            if (length > bestLength)
            {
                best.Clear();
                bestLength = length;
            }

            best.Add(commune);
        }

        return best.Count switch
        {
            0 => CommuneMatch.None,
            1 => new CommuneMatch(best[0], best),
            _ => new CommuneMatch(null, best.OrderBy(c => c.Name, StringComparer.Ordinal).ToList()),
        };
    }

    /// <summary>The folded words of a commune's name without its "xã"/"phường"/"thị trấn".</summary>
    public static string[] NameWords(string name)
    {
        var words = VietnameseText.Words(name);
        foreach (var prefix in Prefixes)
        {
            if (words.Length > prefix.Length && words.Take(prefix.Length).SequenceEqual(prefix))
            {
                return words[prefix.Length..];
            }
        }

        return words;
    }

    /// <summary>The length (in words) of the name when it occurs in the text as whole words, else 0.</summary>
    private static int Matches(string[] text, string[] name, bool isCode = false)
    {
        if (name.Length == 0 || name.Length > text.Length)
        {
            return 0;
        }

        for (var i = 0; i + name.Length <= text.Length; i++)
        {
            if (!text.AsSpan(i, name.Length).SequenceEqual(name))
            {
                continue;
            }

            var afterPrefix = i > 0 && Prefixes.Any(p => i >= p.Length && text.AsSpan(i - p.Length, p.Length).SequenceEqual(p));
            if (name.Length > 1 || isCode && name[0].Any(char.IsDigit) || afterPrefix)
            {
                // Codes count one more than names of the same length, so "MAU-X002" beats a commune named "Mau".
                return name.Length * 2 + (isCode ? 1 : 0);
            }
        }

        return 0;
    }
}
