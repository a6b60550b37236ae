using System.Globalization;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>Small text helpers every kind of answer shares: sentences, cuts with "…", capitals, citations, provenance.</summary>
public static partial class TextCuts
{
    public const int MaxQuote = 480;
    private const int MaxSubjectWords = 16;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static List<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sentences.AddRange(SentenceBreak().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return sentences;
    }

    /// <summary>
    /// A long indicator or task keeps its opening words (up to a clause break, and at least up to the last word the
    /// question asked about, so "... không dùng tiền mặt" stays) and ends with "…".
    /// </summary>
    public static string ShortSubject(string subject, IReadOnlyCollection<string> questionWords)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(questionWords);
        var words = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var keep = MaxSubjectWords;
        for (var i = words.Length - 1; i >= MaxSubjectWords; i--)
        {
            if (questionWords.Contains(VietnameseText.NormalizeAndFold(words[i].Trim(',', ';', ':', '.', '(', ')'))))
            {
                keep = i + 1;
                break;
            }
        }

        if (words.Length <= keep + 2)
        {
            return subject;
        }

        var cut = string.Join(' ', words.Take(keep));
        var clause = cut.LastIndexOfAny([',', ';', ':']);
        if (keep == MaxSubjectWords && clause > cut.Length / 2)
        {
            cut = cut[..clause];
        }

        return cut.TrimEnd(',', ';', ':', ' ', '(') + "…";
    }

    /// <summary>
    /// The text when it has at most <paramref name="keep"/> + <paramref name="slack"/> words (runs between spaces), else
    /// its first <paramref name="keep"/> words, one space apart, and "…". Read in one pass, without splitting.
    /// </summary>
    public static string FirstWords(string text, int keep, int slack = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new System.Text.StringBuilder();
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' || (i > 0 && text[i - 1] != ' '))
            {
                continue;
            }

            // A word starts here.
            if (++count > keep + slack)
            {
                return words.ToString().TrimEnd(',', ';', ':') + "…";
            }

            if (count <= keep)
            {
                var end = text.IndexOf(' ', i);
                words.Append(count > 1 ? " " : string.Empty).Append(text, i, (end < 0 ? text.Length : end) - i);
            }
        }

        return text;
    }

    public static Citation Cite(KnowledgeChunk chunk, string quote)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return new Citation(chunk.Document.DisplayName, chunk.Section, Quote(quote));
    }

    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxQuote ? text : text[..MaxQuote].TrimEnd() + "…";
    }

    /// <summary>An answer resting on an excerpt or a summary says so (the documents' front matter or heading marks it).</summary>
    public static string WithAuthorityNote(string answer, Authority authority) => authority switch
    {
        Authority.Excerpt => answer + " (Lưu ý: nguồn là bản trích, cần đối chiếu văn bản gốc.)",
        Authority.Summary => answer + " (Lưu ý: nguồn là bản tóm tắt, cần đối chiếu văn bản gốc.)",
        _ => answer,
    };

    public static string Date(DateOnly date) => date.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    public static string Capitalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? text : char.ToUpper(text[0], Vietnamese) + text[1..];
    }

    public static string LowerFirst(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], Vietnamese) + text[1..] : text;
    }

    public static string EndSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && ".!?…)".Contains(text[^1], StringComparison.Ordinal) ? text : text.TrimEnd(';', ',', ':', ' ') + ".";
    }

    /// <summary>"(còn 60 ngày)" or "(mốc này đã qua)" for a deadline cell that names a month or a date.</summary>
    public static string Relative(string deadline, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        DateOnly? date = null;
        if (FullDate().Match(deadline) is { Success: true } full)
        {
            date = SafeDate(full.Groups[3].Value, full.Groups[2].Value, full.Groups[1].Value);
        }
        else if (MonthYear().Match(deadline) is { Success: true } month && SafeDate(month.Groups[2].Value, month.Groups[1].Value, "1") is { } first)
        {
            date = first.AddMonths(1).AddDays(-1);
        }

        if (date is not { } value)
        {
            return string.Empty;
        }

        var days = value.DayNumber - today.DayNumber;
        return days >= 0 ? $" (còn {days} ngày)" : " (mốc này đã qua)";
    }

    private static DateOnly? SafeDate(string year, string month, string day) =>
        DateOnly.TryParseExact($"{int.Parse(year, CultureInfo.InvariantCulture):D4}-{int.Parse(month, CultureInfo.InvariantCulture):D2}-{int.Parse(day, CultureInfo.InvariantCulture):D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d“""(])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"(\d{1,2})/(\d{1,2})/(\d{4})")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"[Tt]háng (\d{1,2})/(\d{4})")]
    private static partial Regex MonthYear();
}
