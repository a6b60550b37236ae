namespace DtsAssistant.Knowledge;

/// <summary>Vietnam local time (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving): deadlines are local dates.</summary>
public static class VietnamTime
{
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().ToOffset(Offset);
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);
}
