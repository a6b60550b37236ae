using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;

namespace DtsAssistant.Bot.Charts;

/// <summary>A rendered chart and the file name it is offered under.</summary>
public sealed record ChartImage(ChartKind Kind, string FileName, byte[] Png)
{
    public const string ContentType = "image/png";
}

/// <summary>
/// Reads the figures of a chart from <see cref="IStatusService"/> (which enforces the caller's scope and throws
/// <see cref="ReportingAccessDeniedException"/>) and draws them with <see cref="ChartRenderer"/>.
/// </summary>
public sealed class ChartService(IStatusService status, TimeProvider time)
{
    /// <summary>Months the indicator chart spans, ending with the asked period's month.</summary>
    public const int IndicatorMonths = 6;

    public async Task<ChartImage> RenderAsync(Caller caller, ChartKind kind, Period period, string? communeCode = null, CancellationToken ct = default)
    {
        var png = kind switch
        {
            ChartKind.Progress => ChartRenderer.Progress(await status.StatusAsync(caller, period, communeCode, ct),
                await status.UnitFilingsAsync(caller, period, communeCode, ct: ct), VietnamTime.Today(time)),
            ChartKind.Communes => ChartRenderer.Communes(await status.StatusAsync(caller, period, communeCode, ct)),
            ChartKind.Indicators => ChartRenderer.Indicators(await IndicatorMonthsAsync(caller, period, communeCode, ct)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new ChartImage(kind, FileName(kind, period, communeCode), png);
    }

    /// <summary>"bieudo-tiendo-2026-10.png", with the commune code when narrowed.</summary>
    public static string FileName(ChartKind kind, Period period, string? communeCode) =>
        $"bieudo-{Slug(kind)}-{period.Key}{(string.IsNullOrWhiteSpace(communeCode) ? "" : "-" + Safe(communeCode))}.png";

    /// <summary>The URL segment and file-name part of each chart.</summary>
    public static string Slug(ChartKind kind) => kind switch
    {
        ChartKind.Progress => "tiendo",
        ChartKind.Communes => "xa",
        _ => "chitieu",
    };

    public static ChartKind? FromSlug(string slug) => slug switch
    {
        "tiendo" => ChartKind.Progress,
        "xa" => ChartKind.Communes,
        "chitieu" => ChartKind.Indicators,
        _ => null,
    };

    private async Task<IReadOnlyList<IndicatorReport>> IndicatorMonthsAsync(Caller caller, Period period, string? communeCode, CancellationToken ct)
    {
        // Monthly reports carry the indicators; a quarter or a year is shown through the months ending in it.
        var last = period.Kind == PeriodKind.Monthly ? period
            : Period.Containing(PeriodKind.Monthly, VietnamTime.Today(time));
        var first = last;
        for (var i = 1; i < IndicatorMonths; i++)
        {
            first = first.Previous();
        }

        var reports = new List<IndicatorReport>();
        for (var month = first; month.CompareTo(last) <= 0; month = month.Next())
        {
            reports.Add(await status.IndicatorsAsync(caller, month, communeCode, ct));
        }

        return reports;
    }

    private static string Safe(string text) => new(text.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
}
