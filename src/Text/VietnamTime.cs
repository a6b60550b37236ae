namespace DtsAssistant.Text;

/// <summary>
/// Vietnam local time (Asia/Ho_Chi_Minh). Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset
/// is exact and does not depend on the server's time-zone database. Deadlines are local dates.
/// </summary>
public static class VietnamTime
{
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The local wall-clock time in Vietnam for an instant.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The clock's current instant as Vietnamese local time.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ToLocal(clock.GetUtcNow());
    }

    /// <summary>Today's date in Vietnam.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    /// <summary>Midnight at the start of a Vietnamese calendar day, as an instant.</summary>
    public static DateTimeOffset StartOfDay(int year, int month, int day) => new(year, month, day, 0, 0, 0, Offset);
}
