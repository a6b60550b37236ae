using System.Globalization;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

public enum ReportPeriod
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>One periodic report's next due date as of a given day ("before the 20th": the last filing day is the 19th).</summary>
public sealed record ReportDue(ReportPeriod Period, DateOnly DueBefore, bool CurrentPeriodPassed)
{
    public DateOnly LastDay => DueBefore.AddDays(-1);

    public int DaysLeft(DateOnly today) => DueBefore.DayNumber - today.DayNumber;
}

/// <summary>
/// The periodic reporting deadlines as the plan states them ("hằng tháng (trước ngày 20), hằng quý (trước ngày 20 tháng
/// cuối quý), và năm (trước ngày 10/12)"), read from the documents, not written into code.
/// </summary>
/// <param name="QuarterlyMonth">The month of the quarter that holds the quarterly due day ("tháng cuối quý": 3).</param>
public sealed partial record ReportingSchedule(int? MonthlyDay, int? QuarterlyDay, (int Day, int Month)? Annual, KnowledgeChunk Source, int QuarterlyMonth = 3)
{
    public static ReportingSchedule? Find(IEnumerable<KnowledgeChunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            // Every rule is written "(trước ngày N)": skip folding text that has no bracket.
            if (!chunk.Text.Contains('(', StringComparison.Ordinal))
            {
                continue;
            }

            var folded = VietnameseText.NormalizeAndFold(chunk.Text);
            var monthly = Monthly().Match(folded);
            var quarterly = Quarterly().Match(folded);
            var annual = AnnualPattern().Match(folded);
            if (monthly.Success || quarterly.Success || annual.Success)
            {
                return new ReportingSchedule(
                    monthly.Success ? Number(monthly.Groups[1]) : null,
                    quarterly.Success ? Number(quarterly.Groups[1]) : null,
                    annual.Success ? (Number(annual.Groups[1]), Number(annual.Groups[2])) : null,
                    chunk);
            }
        }

        return null;
    }

    /// <summary>
    /// The schedule the answers state: the deployment's deadlines when the host gives them (what reminders and lateness
    /// follow), else the plan's as compiled. Either way the plan's sentence is the citation.
    /// </summary>
    public ReportingSchedule Following(ReportingDeadlines? deadlines) => deadlines is null ? this : this with
    {
        MonthlyDay = deadlines.MonthlyDay,
        QuarterlyDay = deadlines.QuarterlyDay,
        QuarterlyMonth = deadlines.QuarterlyMonth,
        Annual = (deadlines.AnnualDay, deadlines.AnnualMonth),
    };

    /// <summary>The next due date of a period on or after today (the current period's, or the next one's if it passed).</summary>
    public ReportDue? Next(ReportPeriod period, DateOnly today)
    {
        switch (period)
        {
            case ReportPeriod.Monthly when MonthlyDay is { } day:
                {
                    var due = new DateOnly(today.Year, today.Month, day);
                    return today < due ? new ReportDue(period, due, false) : new ReportDue(period, due.AddMonths(1), true);
                }

            case ReportPeriod.Quarterly when QuarterlyDay is { } day:
                {
                    var dueMonth = ((today.Month - 1) / 3 * 3) + QuarterlyMonth;
                    var due = new DateOnly(today.Year, dueMonth, day);
                    return today < due ? new ReportDue(period, due, false) : new ReportDue(period, due.AddMonths(3), true);
                }

            case ReportPeriod.Annual when Annual is { } annual:
                {
                    var due = new DateOnly(today.Year, annual.Month, annual.Day);
                    return today < due ? new ReportDue(period, due, false) : new ReportDue(period, due.AddYears(1), true);
                }

            default:
                return null;
        }
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?:hang|moi) thang \(truoc ngay (\d{1,2})\)")]
    private static partial Regex Monthly();

    [GeneratedRegex(@"(?:hang|moi) quy \(truoc ngay (\d{1,2}) thang cuoi quy\)")]
    private static partial Regex Quarterly();

    [GeneratedRegex(@"nam \(truoc ngay (\d{1,2})/(\d{1,2})\)")]
    private static partial Regex AnnualPattern();
}
