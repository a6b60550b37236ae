namespace DtsAssistant.Reporting.Schedule;

/// <summary>When a period can be filed, when it is due and when it locks (all instants; local dates in Vietnam time).</summary>
/// <param name="OpensAt">Filing opens (start of the period's due month; 1 November for the annual report).</param>
/// <param name="DueAt">The first instant that counts as late: midnight starting the due day ("trước ngày 20").</param>
/// <param name="LastDayOnTime">The last local day on which filing is on time (the 19th, or 9 December).</param>
/// <param name="LocksAt">After this nothing can be filed or amended: one calendar month after <paramref name="DueAt"/>.</param>
public sealed record PeriodWindow(Period Period, DateTimeOffset OpensAt, DateTimeOffset DueAt, DateOnly LastDayOnTime, DateTimeOffset LocksAt);

public enum Timeliness
{
    OnTime,
    Late,
}

public enum PeriodPhase
{
    /// <summary>Filing has not opened yet.</summary>
    NotOpen,

    /// <summary>Open and on time.</summary>
    Open,

    /// <summary>Past the due date but not locked: filing is allowed and marked late.</summary>
    Overdue,

    /// <summary>Nothing can be filed or amended.</summary>
    Locked,
}

public enum ReminderKind
{
    /// <summary>Some days before the due date.</summary>
    Upcoming,

    /// <summary>Morning of the last on-time day.</summary>
    LastDay,

    /// <summary>Morning after the due date, for units that have not filed.</summary>
    Overdue,
}

public sealed record ReminderPlan(Period Period, ReminderKind Kind, DateTimeOffset At);

/// <summary>
/// The one reporting schedule of plan V.3, used for answers about deadlines, for deciding lateness and for reminders.
/// </summary>
public interface IReportingSchedule
{
    DateTimeOffset Now { get; }

    /// <summary>The deadlines and reminder rules this schedule follows (Forms/Definitions/schedule.json).</summary>
    ScheduleDefinition Definition { get; }

    PeriodWindow WindowOf(Period period);

    /// <summary>The period of a kind that contains the local day of <paramref name="at"/> (default: now).</summary>
    Period CurrentPeriod(PeriodKind kind, DateTimeOffset? at = null);

    PeriodPhase PhaseOf(Period period, DateTimeOffset? at = null);

    Timeliness TimelinessOf(Period period, DateTimeOffset submittedAt);

    /// <summary>Periods that can be filed at an instant (opened and not locked), earliest due first.</summary>
    IReadOnlyList<PeriodWindow> OpenPeriods(DateTimeOffset? at = null);

    /// <summary>The next due dates strictly after an instant, earliest first (ties: annual, quarterly, monthly).</summary>
    IReadOnlyList<PeriodWindow> UpcomingDeadlines(int count, DateTimeOffset? from = null);

    IReadOnlyList<ReminderPlan> RemindersFor(Period period);

    /// <summary>Every reminder of every kind of period with <c>from &lt;= At &lt; to</c>, in time order.</summary>
    IReadOnlyList<ReminderPlan> RemindersBetween(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The instant notices are planned on a local day: the reminders' time of day, Vietnam time.</summary>
    DateTimeOffset ReminderAt(DateOnly localDay);
}

internal sealed class ReportingSchedule(TimeProvider clock, ScheduleDefinition definition) : IReportingSchedule
{
    public ReportingSchedule(TimeProvider clock) : this(clock, ScheduleDefinition.Default)
    {
    }

    public ScheduleDefinition Definition => definition;

    public DateTimeOffset Now => clock.GetUtcNow();

    public PeriodWindow WindowOf(Period period)
    {
        var rule = definition.Rule(period.Kind.ToString());
        var first = period.Kind == PeriodKind.Annual ? new DateOnly(period.Year, 1, 1) : period.FirstDay;
        var dueMonth = first.AddMonths(rule.DueMonthInPeriod - 1);
        var opensMonth = first.AddMonths(rule.OpensMonthInPeriod - 1);
        var due = VietnamTime.StartOfDay(dueMonth.Year, dueMonth.Month, rule.DueDay);
        var opens = VietnamTime.StartOfDay(opensMonth.Year, opensMonth.Month, 1);
        return new PeriodWindow(period, opens, due, new DateOnly(dueMonth.Year, dueMonth.Month, rule.DueDay).AddDays(-1), due.AddMonths(definition.LockAfterMonths));
    }

    public Period CurrentPeriod(PeriodKind kind, DateTimeOffset? at = null) =>
        Period.Containing(kind, DateOnly.FromDateTime(VietnamTime.ToLocal(at ?? Now).DateTime));

    public PeriodPhase PhaseOf(Period period, DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        var window = WindowOf(period);
        return now < window.OpensAt ? PeriodPhase.NotOpen
            : now < window.DueAt ? PeriodPhase.Open
            : now < window.LocksAt ? PeriodPhase.Overdue
            : PeriodPhase.Locked;
    }

    public Timeliness TimelinessOf(Period period, DateTimeOffset submittedAt) =>
        submittedAt < WindowOf(period).DueAt ? Timeliness.OnTime : Timeliness.Late;

    public IReadOnlyList<PeriodWindow> OpenPeriods(DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        return CandidatePeriods(now)
            .Select(WindowOf)
            .Where(w => w.OpensAt <= now && now < w.LocksAt)
            .OrderBy(w => w.DueAt).ThenByDescending(w => w.Period.Kind)
            .ToList();
    }

    public IReadOnlyList<PeriodWindow> UpcomingDeadlines(int count, DateTimeOffset? from = null)
    {
        var now = from ?? Now;
        var today = CurrentPeriod(PeriodKind.Monthly, now);
        var windows = new List<PeriodWindow>();
        // Fourteen months ahead always holds at least one deadline of every kind.
        for (var month = today; windows.Count < 64 && month.CompareTo(Period.Month(today.Year + 1, 12)) <= 0; month = month.Next())
        {
            windows.Add(WindowOf(month));
            if (month.Number % 3 == 0)
            {
                windows.Add(WindowOf(Period.Quarter(month.Year, month.Number / 3)));
            }

            if (month.Number == 12)
            {
                windows.Add(WindowOf(Period.Annual(month.Year)));
            }
        }

        return windows.Where(w => w.DueAt > now)
            .OrderBy(w => w.DueAt).ThenByDescending(w => w.Period.Kind)
            .Take(Math.Max(0, count))
            .ToList();
    }

    public IReadOnlyList<ReminderPlan> RemindersFor(Period period)
    {
        var window = WindowOf(period);
        var lastDay = window.LastDayOnTime;
        var upcomingDay = lastDay.AddDays(-(definition.Reminders.UpcomingDaysBeforeDue - 1));
        return
        [
            new(period, ReminderKind.Upcoming, ReminderAt(upcomingDay)),
            new(period, ReminderKind.LastDay, ReminderAt(lastDay)),
            new(period, ReminderKind.Overdue, ReminderAt(lastDay.AddDays(1))),
        ];
    }

    public IReadOnlyList<ReminderPlan> RemindersBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var periods = new HashSet<Period>();
        for (var month = CurrentPeriod(PeriodKind.Monthly, from).Previous(); WindowOf(month).OpensAt <= to; month = month.Next())
        {
            periods.Add(month);
            periods.Add(Period.Containing(PeriodKind.Quarterly, month.FirstDay));
            periods.Add(Period.Annual(month.Year));
        }

        return periods.SelectMany(RemindersFor)
            .Where(r => r.At >= from && r.At < to)
            .OrderBy(r => r.At).ThenByDescending(r => r.Period.Kind)
            .ToList();
    }

    public DateTimeOffset ReminderAt(DateOnly localDay) =>
        VietnamTime.StartOfDay(localDay.Year, localDay.Month, localDay.Day) + definition.Reminders.TimeOfDay;

    /// <summary>Every period whose window can contain <paramref name="now"/>: locks come at most ~13 months after a period starts.</summary>
    private IEnumerable<Period> CandidatePeriods(DateTimeOffset now)
    {
        var year = CurrentPeriod(PeriodKind.Annual, now).Year;
        for (var y = year - 1; y <= year; y++)
        {
            yield return Period.Annual(y);
            for (var q = 1; q <= 4; q++)
            {
                yield return Period.Quarter(y, q);
            }

            for (var m = 1; m <= 12; m++)
            {
                yield return Period.Month(y, m);
            }
        }
    }
}
