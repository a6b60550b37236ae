using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Tests.Reminders;

/// <summary>When notices go out, from the schedule file, in Vietnam time.</summary>
public sealed class ReminderTimingTests
{
    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, VietnamTime.Offset);

    private static readonly ReminderTiming Timing = new(new ReportingSchedule(TimeProvider.System));

    [Fact]
    public void Over_a_whole_year_each_period_gets_its_notices_at_8_in_Vietnam_time_including_December()
    {
        var slots = Timing.SlotsBetween(Local(2026, 1, 1), Local(2027, 1, 1));

        var november = slots.Where(s => s.Period == Period.Month(2026, 11)).ToDictionary(s => s.Kind, s => s.PlannedAt);
        Assert.Equal(Local(2026, 11, 15, 8), november[NoticeKind.Upcoming]);
        Assert.Equal(Local(2026, 11, 19, 8), november[NoticeKind.LastDay]);
        Assert.Equal(Local(2026, 11, 20, 8), november[NoticeKind.Overdue]);
        Assert.Equal(Local(2026, 11, 18, 8), november[NoticeKind.DigestBefore]);
        Assert.Equal(Local(2026, 11, 20, 8), november[NoticeKind.DigestAfter]);

        var annual = slots.Where(s => s.Period == Period.Annual(2026)).ToDictionary(s => s.Kind, s => s.PlannedAt);
        Assert.Equal(Local(2026, 12, 5, 8), annual[NoticeKind.Upcoming]);
        Assert.Equal(Local(2026, 12, 9, 8), annual[NoticeKind.LastDay]);
        Assert.Equal(Local(2026, 12, 10, 8), annual[NoticeKind.Overdue]);
        var q4 = slots.Where(s => s.Period == Period.Quarter(2026, 4)).ToDictionary(s => s.Kind, s => s.PlannedAt);
        Assert.Equal(Local(2026, 12, 19, 8), q4[NoticeKind.LastDay]);
        Assert.Equal(Local(2026, 12, 19, 8), slots.Single(s => s.Period == Period.Month(2026, 12) && s.Kind == NoticeKind.LastDay).PlannedAt);
        Assert.Equal(Local(2026, 12, 20, 8), slots.Single(s => s.Period == Period.Month(2026, 12) && s.Kind == NoticeKind.Overdue).PlannedAt);
        Assert.DoesNotContain(slots, s => s.Period == Period.Month(2025, 12));

        // Every month of 2026 has its five monthly notices; four quarters; one year; all at 08:00 local.
        Assert.Equal(12, slots.Where(s => s.Period.Kind == PeriodKind.Monthly && s.Kind == NoticeKind.Upcoming).Count());
        Assert.Equal(4, slots.Count(s => s.Period.Kind == PeriodKind.Quarterly && s.Kind == NoticeKind.Upcoming));
        Assert.All(slots, s => Assert.Equal(new TimeSpan(8, 0, 0), VietnamTime.ToLocal(s.PlannedAt).TimeOfDay));
        Assert.All(slots, s => Assert.Equal(s.PlannedAt, s.SendFrom));
    }

    [Fact]
    public void Quiet_hours_are_21_to_7_Vietnam_time_whatever_the_servers_zone()
    {
        Assert.True(Timing.IsQuiet(Local(2026, 3, 10, 21)));
        Assert.True(Timing.IsQuiet(Local(2026, 3, 10, 23, 59)));
        Assert.True(Timing.IsQuiet(Local(2026, 3, 11, 6, 59)));
        Assert.False(Timing.IsQuiet(Local(2026, 3, 11, 7)));
        Assert.False(Timing.IsQuiet(Local(2026, 3, 10, 20, 59)));
        // 14:30 UTC is 21:30 in Vietnam.
        Assert.True(Timing.IsQuiet(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero)));
        Assert.Equal(Local(2026, 3, 11, 7), Timing.OutOfQuietHours(Local(2026, 3, 10, 22)));
        Assert.Equal(Local(2026, 3, 11, 7), Timing.OutOfQuietHours(Local(2026, 3, 11, 3)));
        Assert.Equal(Local(2026, 3, 11, 9), Timing.OutOfQuietHours(Local(2026, 3, 11, 9)));
    }

    [Fact]
    public void A_notice_missed_overnight_is_deferred_to_7_and_nothing_is_pending_in_quiet_hours()
    {
        // Upcoming for March 2026 is planned 15/3 08:00; a server down all day finds it at 22:00: quiet, so not yet.
        Assert.Empty(Timing.PendingAt(Local(2026, 3, 15, 22)));
        var morning = Timing.PendingAt(Local(2026, 3, 16, 7));
        Assert.Contains(morning, s => s.Period == Period.Month(2026, 3) && s.Kind == NoticeKind.Upcoming);
        // After a day it is dropped.
        Assert.DoesNotContain(Timing.PendingAt(Local(2026, 3, 16, 8, 1)), s => s.Kind == NoticeKind.Upcoming && s.Period == Period.Month(2026, 3));
        // The last-day reminder is never sent after the deadline.
        Assert.DoesNotContain(Timing.PendingAt(Local(2026, 3, 20, 7, 30)), s => s.Kind == NoticeKind.LastDay);
        Assert.Contains(Timing.PendingAt(Local(2026, 3, 19, 20, 59)), s => s.Kind == NoticeKind.LastDay);
        Assert.Equal(Local(2026, 3, 15, 8), Timing.NextSendFrom(Local(2026, 3, 10, 12)));
    }

    [Fact]
    public void A_reminder_time_inside_the_quiet_hours_goes_out_at_7()
    {
        var definition = ScheduleDefinition.Default with
        {
            Reminders = ScheduleDefinition.Default.Reminders with { TimeOfDay = new TimeSpan(22, 0, 0) },
        };
        var timing = new ReminderTiming(new ReportingSchedule(TimeProvider.System, definition));

        var upcoming = timing.SlotsBetween(Local(2026, 5, 1), Local(2026, 6, 1)).Single(s => s.Period == Period.Month(2026, 5) && s.Kind == NoticeKind.Upcoming);

        Assert.Equal(Local(2026, 5, 15, 22), upcoming.PlannedAt);
        Assert.Equal(Local(2026, 5, 16, 7), upcoming.SendFrom);
    }
}
