using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Reporting.Tests.Schedule;

public sealed class ReportingScheduleTests
{
    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, VietnamTime.Offset);

    private static (ReportingSchedule Schedule, FakeTimeProvider Clock) At(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        return (new ReportingSchedule(clock), clock);
    }

    [Fact]
    public void Monthly_report_is_due_before_the_20th()
    {
        var (schedule, _) = At(Local(2025, 11, 1));
        var window = schedule.WindowOf(Period.Month(2025, 11));

        Assert.Equal(new DateOnly(2025, 11, 19), window.LastDayOnTime);
        Assert.Equal(Local(2025, 11, 20), window.DueAt);
        Assert.Equal(Timeliness.OnTime, schedule.TimelinessOf(Period.Month(2025, 11), Local(2025, 11, 19, 23, 59)));
        Assert.Equal(Timeliness.Late, schedule.TimelinessOf(Period.Month(2025, 11), Local(2025, 11, 20, 0, 0)));
    }

    [Fact]
    public void Quarterly_report_is_due_before_the_20th_of_the_quarters_last_month()
    {
        var (schedule, _) = At(Local(2025, 9, 1));

        Assert.Equal(Local(2025, 9, 20), schedule.WindowOf(Period.Quarter(2025, 3)).DueAt);
        Assert.Equal(Local(2025, 3, 20), schedule.WindowOf(Period.Quarter(2025, 1)).DueAt);
        Assert.Equal(Local(2025, 3, 1), schedule.WindowOf(Period.Quarter(2025, 1)).OpensAt);
    }

    [Fact]
    public void Annual_report_is_due_before_10_December()
    {
        var (schedule, _) = At(Local(2025, 11, 1));
        var window = schedule.WindowOf(Period.Annual(2025));

        Assert.Equal(new DateOnly(2025, 12, 9), window.LastDayOnTime);
        Assert.Equal(Local(2025, 12, 10), window.DueAt);
        Assert.Equal(Local(2025, 11, 1), window.OpensAt);
        Assert.Equal(Timeliness.Late, schedule.TimelinessOf(Period.Annual(2025), Local(2025, 12, 10, 8)));
    }

    [Fact]
    public void In_December_the_annual_deadline_comes_first_then_quarter_and_month_on_the_same_day()
    {
        var (schedule, _) = At(Local(2025, 12, 1, 9));

        var next = schedule.UpcomingDeadlines(3);

        Assert.Equal(["2025", "2025-Q4", "2025-12"], next.Select(w => w.Period.Key));
        Assert.Equal(Local(2025, 12, 10), next[0].DueAt);
        Assert.Equal(next[1].DueAt, next[2].DueAt);
        Assert.Equal(Local(2025, 12, 20), next[1].DueAt);
    }

    [Fact]
    public void December_has_the_annual_quarterly_and_monthly_reports_open_at_once()
    {
        var (schedule, _) = At(Local(2025, 12, 5, 9));

        var open = schedule.OpenPeriods().Select(w => w.Period.Key).ToList();

        Assert.Equal(["2025-11", "2025", "2025-Q4", "2025-12"], open);
        Assert.Equal(PeriodPhase.Overdue, schedule.PhaseOf(Period.Month(2025, 11)));
        Assert.Equal(PeriodPhase.Open, schedule.PhaseOf(Period.Annual(2025)));
    }

    [Fact]
    public void Across_the_year_boundary_last_years_reports_are_late_until_they_lock_in_January()
    {
        var (schedule, clock) = At(Local(2026, 1, 5, 9));

        var open = schedule.OpenPeriods().Select(w => w.Period.Key).ToList();
        Assert.Equal(["2025", "2025-Q4", "2025-12", "2026-01"], open);
        Assert.Equal(Local(2026, 1, 10), schedule.WindowOf(Period.Annual(2025)).LocksAt);
        Assert.Equal(Local(2026, 1, 20), schedule.WindowOf(Period.Month(2025, 12)).LocksAt);
        Assert.Equal(Period.Month(2026, 1), schedule.CurrentPeriod(PeriodKind.Monthly));
        Assert.Equal(Period.Month(2025, 12), schedule.CurrentPeriod(PeriodKind.Monthly).Previous());

        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(PeriodPhase.Locked, schedule.PhaseOf(Period.Annual(2025)));
        Assert.DoesNotContain(schedule.OpenPeriods(), w => w.Period == Period.Annual(2025));
    }

    [Fact]
    public void A_period_moves_from_open_to_overdue_to_locked_as_time_passes()
    {
        var (schedule, clock) = At(Local(2025, 10, 31, 12));
        var november = Period.Month(2025, 11);

        Assert.Equal(PeriodPhase.NotOpen, schedule.PhaseOf(november));
        clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(PeriodPhase.Open, schedule.PhaseOf(november));
        clock.SetUtcNow(Local(2025, 11, 20));
        Assert.Equal(PeriodPhase.Overdue, schedule.PhaseOf(november));
        clock.SetUtcNow(Local(2025, 12, 19, 23, 59));
        Assert.Equal(PeriodPhase.Overdue, schedule.PhaseOf(november));
        clock.SetUtcNow(Local(2025, 12, 20));
        Assert.Equal(PeriodPhase.Locked, schedule.PhaseOf(november));
    }

    [Fact]
    public void The_current_period_follows_Vietnam_time_not_UTC()
    {
        // 31 October 18:30 UTC is already 1 November 01:30 in Vietnam.
        var (schedule, _) = At(new DateTimeOffset(2025, 10, 31, 18, 30, 0, TimeSpan.Zero));

        Assert.Equal(Period.Month(2025, 11), schedule.CurrentPeriod(PeriodKind.Monthly));
        Assert.Equal(Period.Quarter(2025, 4), schedule.CurrentPeriod(PeriodKind.Quarterly));
    }

    [Fact]
    public void Reminders_go_out_at_eight_in_the_morning_before_on_and_after_the_last_day()
    {
        var (schedule, _) = At(Local(2025, 11, 1));

        var reminders = schedule.RemindersFor(Period.Month(2025, 11));

        Assert.Equal(
            [(ReminderKind.Upcoming, Local(2025, 11, 15, 8)), (ReminderKind.LastDay, Local(2025, 11, 19, 8)), (ReminderKind.Overdue, Local(2025, 11, 20, 8))],
            reminders.Select(r => (r.Kind, r.At)));
    }

    [Fact]
    public void Reminders_between_two_instants_cover_every_kind_of_period_in_time_order()
    {
        var (schedule, _) = At(Local(2025, 12, 1));

        var reminders = schedule.RemindersBetween(Local(2025, 12, 1), Local(2026, 1, 1));

        Assert.Equal(reminders.OrderBy(r => r.At), reminders);
        Assert.Contains(reminders, r => r.Period == Period.Annual(2025) && r.Kind == ReminderKind.LastDay && r.At == Local(2025, 12, 9, 8));
        Assert.Contains(reminders, r => r.Period == Period.Quarter(2025, 4) && r.Kind == ReminderKind.Overdue);
        Assert.Contains(reminders, r => r.Period == Period.Month(2025, 12) && r.Kind == ReminderKind.Upcoming);
        Assert.All(reminders, r => Assert.InRange(r.At, Local(2025, 12, 1), Local(2026, 1, 1)));
    }

    [Theory]
    [InlineData("2025-11", PeriodKind.Monthly, "tháng 11/2025")]
    [InlineData("2025-Q4", PeriodKind.Quarterly, "quý IV/2025")]
    [InlineData("2025", PeriodKind.Annual, "năm 2025")]
    [InlineData(" 2026-01 ", PeriodKind.Monthly, "tháng 1/2026")]
    public void Period_keys_parse_and_round_trip(string key, PeriodKind kind, string label)
    {
        Assert.True(Period.TryParse(key, out var period));
        Assert.Equal(kind, period.Kind);
        Assert.Equal(key.Trim(), period.Key);
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-13")]
    [InlineData("2025-Q5")]
    [InlineData("25-11")]
    [InlineData("thang 11")]
    [InlineData("2025-00")]
    public void Malformed_period_keys_are_rejected(string key) => Assert.False(Period.TryParse(key, out _));

    [Fact]
    public void Previous_and_next_periods_cross_year_boundaries()
    {
        Assert.Equal(Period.Month(2024, 12), Period.Month(2025, 1).Previous());
        Assert.Equal(Period.Quarter(2026, 1), Period.Quarter(2025, 4).Next());
        Assert.Equal(Period.Annual(2024), Period.Annual(2025).Previous());
    }
}
