using System.Text.RegularExpressions;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Tests.Schedule;

/// <summary>The one schedule file says what the plan says, and the schedule follows the file.</summary>
public sealed partial class ScheduleDefinitionTests
{
    [Fact]
    public void Schedule_file_matches_the_plans_text_in_the_knowledge_base_and_the_source_document()
    {
        var texts = PlanTexts();
        Assert.Contains(texts, t => t.Path.Contains("knowledge-base", StringComparison.Ordinal));
        var definition = ScheduleDefinition.Default;
        foreach (var (path, text) in texts)
        {
            var sentence = text.Split('\n').Single(l => l.Contains("Định kỳ hằng tháng", StringComparison.Ordinal));
            foreach (var rule in definition.Deadlines)
            {
                Assert.True(sentence.Contains(rule.PlanWording, StringComparison.Ordinal), $"{path}: no '{rule.PlanWording}'");
            }

            // The numbers, read from the plan's sentence itself.
            var monthly = MonthlyRule().Match(sentence);
            var quarterly = QuarterlyRule().Match(sentence);
            var annual = AnnualRule().Match(sentence);
            Assert.True(monthly.Success && quarterly.Success && annual.Success, path);
            Assert.Equal(int.Parse(monthly.Groups[1].Value), definition.Rule("Monthly").DueDay);
            Assert.Equal(1, definition.Rule("Monthly").DueMonthInPeriod);
            Assert.Equal(int.Parse(quarterly.Groups[1].Value), definition.Rule("Quarterly").DueDay);
            Assert.Equal(3, definition.Rule("Quarterly").DueMonthInPeriod);
            Assert.Equal(int.Parse(annual.Groups[1].Value), definition.Rule("Annual").DueDay);
            Assert.Equal(int.Parse(annual.Groups[2].Value), definition.Rule("Annual").DueMonthInPeriod);
        }
    }

    [Fact]
    public void Schedule_windows_and_reminders_follow_the_file()
    {
        var definition = ScheduleDefinition.Parse("""
            { "source": "test", "utcOffsetHours": 7, "lockAfterMonths": 2,
              "deadlines": [ { "kind": "Monthly", "planWording": "x", "opensMonthInPeriod": 1, "dueMonthInPeriod": 1, "dueDay": 15 },
                             { "kind": "Quarterly", "planWording": "x", "opensMonthInPeriod": 2, "dueMonthInPeriod": 3, "dueDay": 25 },
                             { "kind": "Annual", "planWording": "x", "opensMonthInPeriod": 10, "dueMonthInPeriod": 11, "dueDay": 5 } ],
              "reminders": { "timeOfDay": "09:30", "upcomingDaysBeforeDue": 3, "digestDaysBeforeDue": 2, "quietHoursStart": "21:00", "quietHoursEnd": "07:00" } }
            """);
        var schedule = new ReportingSchedule(TimeProvider.System, definition);

        var month = schedule.WindowOf(Period.Month(2026, 3));
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, VietnamTime.Offset), month.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 0, 0, 0, VietnamTime.Offset), month.LocksAt);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 0, 0, 0, VietnamTime.Offset), schedule.WindowOf(Period.Quarter(2026, 3)).OpensAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 0, 0, 0, VietnamTime.Offset), schedule.WindowOf(Period.Annual(2026)).DueAt);
        var upcoming = schedule.RemindersFor(Period.Month(2026, 3)).Single(r => r.Kind == ReminderKind.Upcoming);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 9, 30, 0, VietnamTime.Offset), upcoming.At);
    }

    [Fact]
    public void A_schedule_file_without_utc_offset_reads_the_same_times()
    {
        // Times are Vietnam time whatever the file says: "utcOffsetHours" is informative and may be left out.
        var definition = ScheduleDefinition.Parse("""
            { "source": "t", "lockAfterMonths": 1,
              "deadlines": [ { "kind": "Monthly", "planWording": "x", "opensMonthInPeriod": 1, "dueMonthInPeriod": 1, "dueDay": 20 } ],
              "reminders": { "timeOfDay": "08:00", "upcomingDaysBeforeDue": 5, "digestDaysBeforeDue": 2, "quietHoursStart": "21:00", "quietHoursEnd": "07:00" } }
            """);
        var schedule = new ReportingSchedule(TimeProvider.System, definition);

        Assert.Equal(new DateTimeOffset(2026, 3, 20, 0, 0, 0, VietnamTime.Offset), schedule.WindowOf(Period.Month(2026, 3)).DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 8, 0, 0, VietnamTime.Offset),
            schedule.RemindersFor(Period.Month(2026, 3)).Single(r => r.Kind == ReminderKind.Upcoming).At);
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 8, 0, 0, VietnamTime.Offset), schedule.ReminderAt(new DateOnly(2026, 3, 21)));
    }

    [Fact]
    public void A_bad_schedule_file_is_refused()
    {
        Assert.Throws<FormatException>(() => ScheduleDefinition.Parse("""
            { "source": "t", "utcOffsetHours": 7, "lockAfterMonths": 1,
              "deadlines": [ { "kind": "Monthly", "planWording": "x", "opensMonthInPeriod": 1, "dueMonthInPeriod": 1, "dueDay": 31 } ],
              "reminders": { "timeOfDay": "08:00", "upcomingDaysBeforeDue": 5, "digestDaysBeforeDue": 2, "quietHoursStart": "21:00", "quietHoursEnd": "07:00" } }
            """));
    }

    /// <summary>The plan in the knowledge base, and the source document when the shared folder is found above the checkout.</summary>
    private static List<(string Path, string Text)> PlanTexts()
    {
        var found = new List<(string, string)>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var kb = Path.Combine(dir.FullName, "knowledge-base", "ke-hoach-27-KH-SGDDT-2025.md");
            if (File.Exists(kb) && found.Count == 0)
            {
                found.Add((kb, File.ReadAllText(kb)));
            }

            var source = Path.Combine(dir.FullName, "shared", "source-documents", "ke-hoach-27-KH-SGDDT-2025.txt");
            if (File.Exists(source))
            {
                found.Add((source, File.ReadAllText(source)));
                break;
            }
        }

        return found;
    }

    [GeneratedRegex(@"hằng tháng \(trước ngày (\d+)\)")]
    private static partial Regex MonthlyRule();

    [GeneratedRegex(@"hằng quý \(trước ngày (\d+) tháng cuối quý\)")]
    private static partial Regex QuarterlyRule();

    [GeneratedRegex(@"năm \(trước ngày (\d+)/(\d+)\)")]
    private static partial Regex AnnualRule();
}
