using System.Globalization;
using System.Text.RegularExpressions;
using DtsAssistant.Reporting.Forms.Input;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>
/// Finds a reporting period in plain words: "tháng 11", "tháng 11/2025", "thang nay", "tháng trước", "quý 4", "quý IV",
/// "năm 2025", "năm nay". A month or quarter without a year is the latest one that is not in the future.
/// </summary>
internal static partial class PeriodPhrases
{
    public static Period? Find(string text, Period currentMonth)
    {
        var folded = " " + VietnameseText.FoldWords(text.Replace('/', ' ')) + " ";
        var today = currentMonth;

        if (folded.Contains(" thang nay ", StringComparison.Ordinal))
        {
            return today;
        }

        if (folded.Contains(" thang truoc ", StringComparison.Ordinal))
        {
            return today.Previous();
        }

        var month = MonthPattern().Match(folded);
        if (month.Success && int.TryParse(month.Groups["m"].Value, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
        {
            var year = Year(month.Groups["y"], today.Year) ?? (m <= today.Number ? today.Year : today.Year - 1);
            return Period.Month(year, m);
        }

        var currentQuarter = (today.Number - 1) / 3 + 1;
        if (folded.Contains(" quy nay ", StringComparison.Ordinal))
        {
            return Period.Quarter(today.Year, currentQuarter);
        }

        var quarter = QuarterPattern().Match(folded);
        if (quarter.Success && QuarterNumber(quarter.Groups["q"].Value) is { } q)
        {
            var year = Year(quarter.Groups["y"], today.Year) ?? (q <= currentQuarter ? today.Year : today.Year - 1);
            return Period.Quarter(year, q);
        }

        if (folded.Contains(" nam nay ", StringComparison.Ordinal) || folded.Contains(" ca nam ", StringComparison.Ordinal))
        {
            return Period.Annual(today.Year);
        }

        var annual = YearPattern().Match(folded);
        return annual.Success && Year(annual.Groups["y"], today.Year) is { } y ? Period.Annual(y) : null;
    }

    private static int? Year(Group group, int currentYear)
    {
        if (!group.Success || !int.TryParse(group.Value, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        year = year < 100 ? 2000 + year : year;
        return year >= 2000 && year <= currentYear + 1 ? year : null;
    }

    private static int? QuarterNumber(string text) => text switch
    {
        "1" or "i" => 1,
        "2" or "ii" => 2,
        "3" or "iii" => 3,
        "4" or "iv" => 4,
        _ => null,
    };

    [GeneratedRegex(@" thang (?<m>\d{1,2})(?: (?:nam )?(?<y>\d{4}|\d{2}))?(?= )")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@" quy (?<q>[1-4]|iv|iii|ii|i)(?: (?:nam )?(?<y>\d{4}))?(?= )")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@" nam (?<y>20\d{2})(?= )")]
    private static partial Regex YearPattern();
}
