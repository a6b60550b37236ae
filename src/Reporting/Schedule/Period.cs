using System.Globalization;

namespace DtsAssistant.Reporting.Schedule;

public enum PeriodKind
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>
/// A reporting period. <see cref="Number"/> is the month (1-12) for monthly periods, the quarter (1-4) for quarterly
/// ones and 0 for annual ones. Keys: "2025-11", "2025-Q4", "2025".
/// </summary>
public readonly record struct Period(PeriodKind Kind, int Year, int Number) : IComparable<Period>
{
    public static Period Month(int year, int month) =>
        month is >= 1 and <= 12 ? new(PeriodKind.Monthly, year, month) : throw new ArgumentOutOfRangeException(nameof(month));

    public static Period Quarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarterly, year, quarter) : throw new ArgumentOutOfRangeException(nameof(quarter));

    public static Period Annual(int year) => new(PeriodKind.Annual, year, 0);

    public string Key => Kind switch
    {
        PeriodKind.Monthly => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>Vietnamese label as shown to people: "tháng 11/2025", "quý IV/2025", "năm 2025".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Monthly => string.Create(CultureInfo.InvariantCulture, $"tháng {Number}/{Year}"),
        PeriodKind.Quarterly => string.Create(CultureInfo.InvariantCulture, $"quý {RomanQuarters[Number - 1]}/{Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"năm {Year}"),
    };

    /// <summary>The first calendar day of the period.</summary>
    public DateOnly FirstDay => Kind switch
    {
        PeriodKind.Monthly => new DateOnly(Year, Number, 1),
        PeriodKind.Quarterly => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The period of the same kind that comes before this one.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Monthly => Number == 1 ? Month(Year - 1, 12) : Month(Year, Number - 1),
        PeriodKind.Quarterly => Number == 1 ? Quarter(Year - 1, 4) : Quarter(Year, Number - 1),
        _ => Annual(Year - 1),
    };

    public Period Next() => Kind switch
    {
        PeriodKind.Monthly => Number == 12 ? Month(Year + 1, 1) : Month(Year, Number + 1),
        PeriodKind.Quarterly => Number == 4 ? Quarter(Year + 1, 1) : Quarter(Year, Number + 1),
        _ => Annual(Year + 1),
    };

    /// <summary>The period of a kind that contains a calendar day.</summary>
    public static Period Containing(PeriodKind kind, DateOnly day) => kind switch
    {
        PeriodKind.Monthly => Month(day.Year, day.Month),
        PeriodKind.Quarterly => Quarter(day.Year, (day.Month - 1) / 3 + 1),
        _ => Annual(day.Year),
    };

    public static bool TryParse(string? key, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var text = key.Trim().ToUpperInvariant();
        var parts = text.Split('-');
        if (parts.Length == 1 && parts[0].Length == 4 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            period = Annual(y);
            return y is >= 2000 and <= 2100;
        }

        if (parts.Length != 2 || parts[0].Length != 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            return false;
        }

        if (parts[1].StartsWith('Q') && int.TryParse(parts[1][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= 4)
        {
            period = Quarter(year, q);
            return true;
        }

        if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
        {
            period = Month(year, m);
            return true;
        }

        return false;
    }

    public static Period Parse(string key) =>
        TryParse(key, out var period) ? period : throw new FormatException($"Not a period key: '{key}'.");

    public int CompareTo(Period other)
    {
        var byDay = FirstDay.CompareTo(other.FirstDay);
        return byDay != 0 ? byDay : Kind.CompareTo(other.Kind);
    }

    public override string ToString() => Key;

    private static readonly string[] RomanQuarters = ["I", "II", "III", "IV"];
}
