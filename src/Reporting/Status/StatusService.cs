using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Status;

internal sealed class StatusService(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule) : IStatusService
{
    private const string OutsideCommunes = "(trực thuộc Sở)";

    public async Task<PeriodStatus> StatusAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var (units, label) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        var reports = await PeriodData.ReportsAsync(db, period, ct);

        CompletenessRow Row(string key, string rowLabel, IEnumerable<UnitInfo> group)
        {
            int expected = 0, submitted = 0, onTime = 0, late = 0, drafts = 0;
            foreach (var unit in group)
            {
                expected++;
                if (!reports.TryGetValue(unit.Id, out var report))
                {
                    continue;
                }

                if (!report.IsSubmitted)
                {
                    drafts++;
                    continue;
                }

                submitted++;
                if (report.Timeliness == Timeliness.Late)
                {
                    late++;
                }
                else
                {
                    onTime++;
                }
            }

            return new CompletenessRow(key, rowLabel, expected, submitted, onTime, late, drafts);
        }

        var byCommune = units.GroupBy(u => u.ReportsTo == ReportingLine.Commune ? u.Commune : null)
            .Select(g => g.Key is null ? Row("SO", OutsideCommunes, g) : Row(g.Key.Code, g.Key.Name, g))
            .OrderBy(r => r.Key == "SO" ? 1 : 0).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        var byKind = units.GroupBy(u => u.Kind).OrderBy(g => g.Key)
            .Select(g => Row(UnitKinds.Code(g.Key), UnitKinds.Label(g.Key), g))
            .ToList();
        return new PeriodStatus(period, schedule.WindowOf(period), label, units.Any(u => u.IsSample),
            Row("all", label, units), byCommune, byKind);
    }

    public async Task<IReadOnlyList<MissingUnit>> MissingAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var (units, _) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        var reports = await PeriodData.ReportsAsync(db, period, ct);
        return units
            .Where(u => !reports.TryGetValue(u.Id, out var r) || !r.IsSubmitted)
            .OrderBy(u => u.Commune?.Name ?? "\uffff", StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => new MissingUnit(u, reports.ContainsKey(u.Id)))
            .ToList();
    }

    public async Task<IndicatorReport> IndicatorsAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default)
    {
        var form = forms.ForPeriod(period) ?? forms.All.Where(f => f.PeriodKind == period.Kind).MaxBy(f => f.Version);
        await using var db = await database.OpenAsync(ct);
        var (units, label) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        if (form is null)
        {
            return new IndicatorReport(period, label, units.Any(u => u.IsSample), 0, []);
        }

        var inScope = units.Select(u => u.Id).ToHashSet();
        var keys = form.Indicators.SelectMany(i => new[] { i.Numerator, i.Denominator, i.Question }).OfType<string>().Distinct().ToList();
        var answers = (await PeriodData.SubmittedAnswersAsync(db, period, keys, ct)).Where(a => inScope.Contains(a.UnitId)).ToList();
        var byQuestion = answers.GroupBy(a => a.QuestionKey).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.UnitId), StringComparer.Ordinal);
        var reporting = (await PeriodData.ReportsAsync(db, period, ct)).Count(r => r.Value.IsSubmitted && inScope.Contains(r.Key));

        Dictionary<int, SubmittedAnswer> Of(string? key) => key is not null && byQuestion.TryGetValue(key, out var d) ? d : [];

        var figures = form.Indicators.Select(indicator =>
        {
            switch (indicator.Kind)
            {
                case IndicatorKind.Ratio:
                {
                    var numerators = Of(indicator.Numerator);
                    var denominators = Of(indicator.Denominator);
                    // Only units that gave both figures count, so a missing numerator does not pull the share down.
                    var both = numerators.Keys.Where(denominators.ContainsKey).ToList();
                    var num = (decimal)both.Sum(u => numerators[u].Number ?? 0);
                    var den = (decimal)both.Sum(u => denominators[u].Number ?? 0);
                    return Figure(indicator, num, den, both.Count, []);
                }

                case IndicatorKind.ShareOfUnits:
                {
                    var given = Of(indicator.Question);
                    var count = given.Values.Count(a => indicator.Values.Contains(a.Value, StringComparer.Ordinal));
                    return Figure(indicator, count, given.Count, given.Count, []);
                }

                default:
                {
                    var given = Of(indicator.Question);
                    var question = form.Question(indicator.Question!)!;
                    var buckets = question.Options
                        .Select(o => (o, n: given.Values.Count(a => a.Value == o.Key)))
                        .Select(x => new DistributionBucket(x.o.Key, x.o.Label, x.n, given.Count == 0 ? 0 : Math.Round(100m * x.n / given.Count, 1)))
                        .ToList();
                    return Figure(indicator, given.Count, given.Count, given.Count, buckets);
                }
            }
        }).ToList();

        return new IndicatorReport(period, label, units.Any(u => u.IsSample), reporting, figures);
    }

    private static IndicatorFigure Figure(IndicatorDefinition indicator, decimal numerator, decimal denominator, int units, IReadOnlyList<DistributionBucket> distribution)
    {
        decimal? percent = denominator == 0 || indicator.Kind == IndicatorKind.Distribution ? null : Math.Round(100m * numerator / denominator, 1);
        bool? meets = percent is null || indicator.TargetPercent is not { } target ? null
            : indicator.TargetExclusive ? 100m * numerator / denominator > target
            : 100m * numerator / denominator >= target;
        return new IndicatorFigure(indicator, numerator, denominator, percent, units, meets, distribution);
    }
}
