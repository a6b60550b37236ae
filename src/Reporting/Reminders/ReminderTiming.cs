using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Reminders;

/// <summary>
/// One planned notice for every recipient of its kind: for a period, planned at an instant, sent from
/// <paramref name="SendFrom"/> (the planned time moved out of the quiet hours) until <paramref name="Until"/>.
/// A notice missed while nothing ran (a restart) still goes out within that window, never after it.
/// </summary>
public sealed record NoticeSlot(Period Period, NoticeKind Kind, DateTimeOffset PlannedAt, DateTimeOffset SendFrom, DateTimeOffset Until)
{
    public bool IsDigest => Kind is NoticeKind.DigestBefore or NoticeKind.DigestAfter;
}

/// <summary>
/// When notices go out, from the one schedule: focal points' reminders at the schedule's reminder times
/// (<see cref="IReportingSchedule.RemindersFor"/>), commune officers' digests some days before the due day and the
/// day after, all in Vietnam time; nothing inside the quiet hours (21:00–07:00 by default), which defers to 07:00.
/// </summary>
public sealed class ReminderTiming(IReportingSchedule schedule)
{
    /// <summary>A notice not sent within a day of its planned time is dropped: the next one of the period follows.</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    private ReminderRules Rules => schedule.Definition.Reminders;

    /// <summary>True when no notice may go out at this instant.</summary>
    public bool IsQuiet(DateTimeOffset at)
    {
        var time = VietnamTime.ToLocal(at).TimeOfDay;
        var (start, end) = (Rules.QuietHoursStart, Rules.QuietHoursEnd);
        return start <= end ? time >= start && time < end : time >= start || time < end;
    }

    /// <summary>The instant itself, or the end of the quiet hours it falls in.</summary>
    public DateTimeOffset OutOfQuietHours(DateTimeOffset at)
    {
        if (!IsQuiet(at))
        {
            return at;
        }

        var local = VietnamTime.ToLocal(at);
        var end = new DateTimeOffset(local.Date, VietnamTime.Offset) + Rules.QuietHoursEnd;
        return end > local ? end : end.AddDays(1);
    }

    /// <summary>Every notice planned at <c>from &lt;= PlannedAt &lt; to</c>, in time order.</summary>
    public IReadOnlyList<NoticeSlot> SlotsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        // Digests are planned up to (digest days - 1) after the first reminder of a period, so widen the reminder search.
        var reminders = schedule.RemindersBetween(from.AddDays(-Rules.UpcomingDaysBeforeDue - Rules.DigestDaysBeforeDue), to.AddDays(Rules.UpcomingDaysBeforeDue));
        var slots = new List<NoticeSlot>();
        foreach (var period in reminders.Select(r => r.Period).Distinct())
        {
            foreach (var plan in schedule.RemindersFor(period))
            {
                slots.Add(Slot(period, plan.Kind switch
                {
                    ReminderKind.Upcoming => NoticeKind.Upcoming,
                    ReminderKind.LastDay => NoticeKind.LastDay,
                    _ => NoticeKind.Overdue,
                }, plan.At));
            }

            var window = schedule.WindowOf(period);
            var dueDay = window.LastDayOnTime.AddDays(1);
            slots.Add(Slot(period, NoticeKind.DigestBefore, schedule.ReminderAt(dueDay.AddDays(-Rules.DigestDaysBeforeDue))));
            // The day after the last on-time day, with the overdue reminders.
            slots.Add(Slot(period, NoticeKind.DigestAfter, schedule.ReminderAt(dueDay)));
        }

        return slots.Where(s => s.PlannedAt >= from && s.PlannedAt < to)
            .OrderBy(s => s.PlannedAt).ThenByDescending(s => s.Period.Kind).ThenBy(s => s.Kind)
            .ToList();
    }

    /// <summary>The notices that may go out at an instant (none inside the quiet hours).</summary>
    public IReadOnlyList<NoticeSlot> PendingAt(DateTimeOffset now) =>
        IsQuiet(now) ? [] : SlotsBetween(now - Validity - TimeSpan.FromDays(1), now.AddTicks(1)).Where(s => s.SendFrom <= now && now < s.Until).ToList();

    /// <summary>The first instant after <paramref name="now"/> at which a notice becomes due (for the sender's sleep).</summary>
    public DateTimeOffset NextSendFrom(DateTimeOffset now) =>
        SlotsBetween(now - Validity - TimeSpan.FromDays(1), now.AddDays(40)).Select(s => s.SendFrom).Where(t => t > now).DefaultIfEmpty(now.AddDays(1)).Min();

    private NoticeSlot Slot(Period period, NoticeKind kind, DateTimeOffset plannedAt)
    {
        var until = plannedAt + Validity;
        if (kind is NoticeKind.LastDay or NoticeKind.DigestBefore or NoticeKind.Upcoming)
        {
            // Before-the-deadline notices make no sense once the deadline has passed.
            var due = schedule.WindowOf(period).DueAt;
            until = until < due ? until : due;
        }

        return new NoticeSlot(period, kind, plannedAt, OutOfQuietHours(plannedAt), until);
    }
}
