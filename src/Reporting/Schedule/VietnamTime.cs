namespace DtsAssistant.Reporting.Schedule;

/// <summary>
/// Vietnam local time (Asia/Ho_Chi_Minh). Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset
/// is exact and does not depend on the server's time-zone database.
/// </summary>
public static class VietnamTime
{
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The local wall-clock time in Vietnam for an instant.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Midnight at the start of a Vietnamese calendar day, as an instant.</summary>
    public static DateTimeOffset StartOfDay(int year, int month, int day) => new(year, month, day, 0, 0, 0, Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()).DateTime);
}
