namespace DtsAssistant.Knowledge.Answering;

/// <summary>
/// The deployment's reporting deadlines, when the host keeps them as data (the server gives those of Reporting's
/// schedule file, the ones reminders and lateness follow). Registered in DI, they are what the deadline answers state;
/// without them the answers use the deadlines compiled from the plan's text, so another plan needs no code.
/// </summary>
/// <param name="MonthlyDay">Monthly reports are due before this day of the month.</param>
/// <param name="QuarterlyDay">Quarterly reports are due before this day ...</param>
/// <param name="QuarterlyMonth">... of this month of the quarter (3: its last month).</param>
/// <param name="AnnualDay">The annual report is due before this day ...</param>
/// <param name="AnnualMonth">... of this month.</param>
/// <param name="Source">Where the figures come from, for logs.</param>
public sealed record ReportingDeadlines(int MonthlyDay, int QuarterlyDay, int QuarterlyMonth, int AnnualDay, int AnnualMonth, string Source)
{
    /// <summary>How the plan's text differs from these deadlines (empty when it says the same), in English for the log.</summary>
    public IReadOnlyList<string> DisagreementsWith(ReportingSchedule? plan)
    {
        if (plan is null)
        {
            return ["the plan's text states no reporting deadlines"];
        }

        var differences = new List<string>();
        if (plan.MonthlyDay != MonthlyDay)
        {
            differences.Add($"monthly: the plan says before day {Day(plan.MonthlyDay)}, the schedule before day {MonthlyDay}");
        }

        if (plan.QuarterlyDay != QuarterlyDay || plan.QuarterlyMonth != QuarterlyMonth)
        {
            differences.Add($"quarterly: the plan says before day {Day(plan.QuarterlyDay)} of month {plan.QuarterlyMonth} of the quarter, the schedule before day {QuarterlyDay} of month {QuarterlyMonth}");
        }

        if (plan.Annual != (AnnualDay, AnnualMonth))
        {
            var annual = plan.Annual is { } a ? $"{a.Day}/{a.Month}" : "nothing";
            differences.Add($"annual: the plan says before {annual}, the schedule before {AnnualDay}/{AnnualMonth}");
        }

        return differences;
    }

    private static string Day(int? day) => day?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing";
}
