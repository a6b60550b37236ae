using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Status;

/// <summary>Completeness (submitted of expected) and timeliness (on time of expected) for a group of units.</summary>
/// <param name="Key">Commune code, unit kind code, or "all".</param>
/// <param name="Drafts">Units with a draft that is not yet submitted.</param>
public sealed record CompletenessRow(string Key, string Label, int Expected, int Submitted, int OnTime, int Late, int Drafts)
{
    public int Missing => Expected - Submitted;
    public decimal CompletenessPercent => Expected == 0 ? 0 : Math.Round(100m * Submitted / Expected, 1);
    public decimal OnTimePercent => Expected == 0 ? 0 : Math.Round(100m * OnTime / Expected, 1);
}

/// <param name="ScopeLabel">Vietnamese name of what the figures cover ("toàn tỉnh", "Xã ...", a unit).</param>
/// <param name="IncludesSampleData">True when any unit counted is synthetic sample data ("DỮ LIỆU MẪU").</param>
public sealed record PeriodStatus(Period Period, PeriodWindow Window, string ScopeLabel, bool IncludesSampleData,
    CompletenessRow Overall, IReadOnlyList<CompletenessRow> ByCommune, IReadOnlyList<CompletenessRow> ByKind);

/// <summary>A unit that has not submitted; <paramref name="HasDraft"/> when it started.</summary>
public sealed record MissingUnit(UnitInfo Unit, bool HasDraft);

public sealed record DistributionBucket(string OptionKey, string Label, int Units, decimal Percent);

/// <summary>One indicator's figure against its target, over the submitted reports in scope.</summary>
/// <param name="Numerator">Ratio: sum of numerators; share: units counted.</param>
/// <param name="Denominator">Ratio: sum of denominators; share: units that answered.</param>
/// <param name="MeetsTarget">Null when there is no target, no data, or too few units reported (<see cref="EnoughData"/>).</param>
public sealed record IndicatorFigure(IndicatorDefinition Definition, decimal Numerator, decimal Denominator, decimal? Percent,
    int UnitsReporting, bool? MeetsTarget, IReadOnlyList<DistributionBucket> Distribution)
{
    /// <summary>Units in scope the indicator's question applies to (the coverage's denominator).</summary>
    public int UnitsExpected { get; init; }

    /// <summary>
    /// At least half of the units it applies to reported (<see cref="IStatusService.CoverageThreshold"/>): below that a
    /// verdict against the target would rest on too few units, so none is given ("chưa đủ dữ liệu (3/15 đơn vị)").
    /// </summary>
    public bool EnoughData => Covers(UnitsReporting, UnitsExpected);

    /// <summary>The coverage rule itself, for a figure still being built.</summary>
    internal static bool Covers(int reporting, int expected) => expected > 0 && reporting >= IStatusService.CoverageThreshold * expected;
}

/// <summary>One unit's filing for a period: on time or late (with days late), a draft, or nothing yet.</summary>
/// <param name="DaysLate">Days after the last on-time day of the first submission (0 when on time or not submitted).</param>
/// <param name="FocalPointName">A bound focal point of the unit, to call; null when none registered.</param>
/// <param name="Phone">The unit's phone from the directory, when known.</param>
public sealed record UnitFiling(UnitInfo Unit, bool Submitted, bool HasDraft, Timeliness? Timeliness, DateTimeOffset? FirstSubmittedAt,
    int DaysLate, string? FocalPointName, string? Phone);

public sealed record IndicatorReport(Period Period, string ScopeLabel, bool IncludesSampleData, int UnitsReporting, IReadOnlyList<IndicatorFigure> Figures);

/// <summary>
/// The status queries the chat uses. Every method takes the caller and enforces the caller's scope: a commune officer
/// sees the commune's schools, a focal point the own unit, department staff and admins everything, others nothing
/// (<see cref="ReportingAccessDeniedException"/>). <c>communeCode</c> narrows the scope further.
/// </summary>
public interface IStatusService
{
    Task<PeriodStatus> StatusAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default);

    /// <summary>Units in scope that have not submitted for the period, by commune then name.</summary>
    Task<IReadOnlyList<MissingUnit>> MissingAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default);

    Task<IndicatorReport> IndicatorsAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default);

    /// <summary>
    /// Every unit in scope (optionally only some kinds) with its filing: late ones with days late, the missing ones with
    /// whom to call. Ordered by commune, then name.
    /// </summary>
    Task<IReadOnlyList<UnitFiling>> UnitFilingsAsync(Caller caller, Period period, string? communeCode = null,
        IReadOnlyCollection<UnitKind>? kinds = null, CancellationToken ct = default);

    /// <summary>The commune a question names (by name in any accent form, or by code), among all communes of the directory.</summary>
    Task<CommuneMatch> FindCommuneAsync(string text, CancellationToken ct = default);

    /// <summary>The share of the units an indicator applies to that must have reported before it is judged against its target.</summary>
    public const decimal CoverageThreshold = 0.5m;
}

/// <summary>The one wording of an indicator's verdict, for chat, exports and the dashboard.</summary>
public static class IndicatorVerdict
{
    /// <summary>"đạt", "chưa đạt", "chưa đủ dữ liệu (3/15 đơn vị)", "chưa có số liệu", or "" without a target.</summary>
    public static string Text(IndicatorFigure figure) =>
        figure.Definition.TargetPercent is null || figure.Definition.Kind == IndicatorKind.Distribution ? ""
        : figure.UnitsReporting == 0 || figure.Percent is null ? "chưa có số liệu"
        : !figure.EnoughData ? $"chưa đủ dữ liệu ({figure.UnitsReporting}/{figure.UnitsExpected} đơn vị)"
        : figure.MeetsTarget == true ? "đạt" : "chưa đạt";
}
