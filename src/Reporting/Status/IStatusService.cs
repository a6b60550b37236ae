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
/// <param name="MeetsTarget">Null when there is no target or no data.</param>
public sealed record IndicatorFigure(IndicatorDefinition Definition, decimal Numerator, decimal Denominator, decimal? Percent,
    int UnitsReporting, bool? MeetsTarget, IReadOnlyList<DistributionBucket> Distribution);

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
}
