using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Status;

internal sealed class StatusService(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule, IDirectoryService directory) : IStatusService
{
    private const string OutsideCommunes = "(trực thuộc Sở)";

    public async Task<PeriodStatus> StatusAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var (units, label) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        var reports = await PeriodData.ReportsAsync(db, period, PeriodData.ScopeFilter(caller, communeCode, units), ct);
        return Build(period, schedule.WindowOf(period), label, units, reports);
    }

    /// <summary>The completeness totals of units already loaded with their reports (the export builds them from its own reads).</summary>
    internal static PeriodStatus Build(Period period, PeriodWindow window, string label, IReadOnlyList<UnitInfo> units,
        IReadOnlyDictionary<int, ReportState> reports)
    {
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
        return new PeriodStatus(period, window, label, units.Any(u => u.IsSample),
            Row("all", label, units), byCommune, byKind);
    }

    public async Task<IReadOnlyList<MissingUnit>> MissingAsync(Caller caller, Period period, string? communeCode = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var (units, _) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        var reports = await PeriodData.ReportsAsync(db, period, PeriodData.ScopeFilter(caller, communeCode, units), ct);
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

        // Aggregated in SQL: a few grouped rows instead of every answer of the period.
        var filter = PeriodData.ScopeFilter(caller, communeCode, units);
        var reporting = await PeriodData.SubmittedCountAsync(db, period, filter, ct);
        var countedKeys = form.Indicators.Where(i => i.Kind != IndicatorKind.Ratio).Select(i => i.Question!).Distinct().ToList();
        var counts = await PeriodData.ValueCountsAsync(db, period, filter, countedKeys, ct);
        var ratioKeys = form.Indicators.Where(i => i.Kind == IndicatorKind.Ratio).SelectMany(i => new[] { i.Numerator!, i.Denominator! }).Distinct().ToList();
        var sums = await PeriodData.NumericSumsAsync(db, period, filter, ratioKeys, ct);

        var figures = new List<IndicatorFigure>();
        int Expected(string key) => form.Question(key) is { } q ? units.Count(u => q.AppliesTo.Matches(u.Profile)) : units.Count;
        foreach (var indicator in form.Indicators)
        {
            if (indicator.Kind == IndicatorKind.Ratio)
            {
                var numerator = sums.GetValueOrDefault(indicator.Numerator!);
                var denominator = sums.GetValueOrDefault(indicator.Denominator!);
                figures.Add(Figure(indicator, (decimal)numerator.Sum, (decimal)denominator.Sum, denominator.Units, [], Expected(indicator.Denominator!)));
                continue;
            }

            var answered = counts.Where(c => c.Key.Key == indicator.Question).Sum(c => c.Value);
            if (indicator.Kind == IndicatorKind.ShareOfUnits)
            {
                var matching = counts.Where(c => c.Key.Key == indicator.Question && indicator.Values.Contains(c.Key.Value, StringComparer.Ordinal)).Sum(c => c.Value);
                figures.Add(Figure(indicator, matching, answered, answered, [], Expected(indicator.Question!)));
                continue;
            }

            var question = form.Question(indicator.Question!)!;
            var buckets = question.Options
                .Select(o => (o, n: counts.GetValueOrDefault((question.Key, o.Key))))
                .Select(x => new DistributionBucket(x.o.Key, x.o.Label, x.n, answered == 0 ? 0 : Math.Round(100m * x.n / answered, 1)))
                .ToList();
            figures.Add(Figure(indicator, answered, answered, answered, buckets, Expected(indicator.Question!)));
        }

        return new IndicatorReport(period, label, units.Any(u => u.IsSample), reporting, figures);
    }

    private static IndicatorFigure Figure(IndicatorDefinition indicator, decimal numerator, decimal denominator, int units,
        IReadOnlyList<DistributionBucket> distribution, int expected)
    {
        decimal? percent = denominator == 0 || indicator.Kind == IndicatorKind.Distribution ? null : Math.Round(100m * numerator / denominator, 1);
        var enough = IndicatorFigure.Covers(units, expected);
        bool? meets = percent is null || indicator.TargetPercent is not { } target || !enough ? null
            : indicator.TargetExclusive ? 100m * numerator / denominator > target
            : 100m * numerator / denominator >= target;
        return new IndicatorFigure(indicator, numerator, denominator, percent, units, meets, distribution) { UnitsExpected = expected };
    }

    public async Task<CommuneMatch> FindCommuneAsync(string text, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var communes = await db.Communes.AsNoTracking().Select(c => new CommuneInfo(c.Id, c.Code, c.Name, c.IsSample)).ToListAsync(ct);
        return CommuneMatcher.Find(communes, text);
    }

    public async Task<IReadOnlyList<UnitFiling>> UnitFilingsAsync(Caller caller, Period period, string? communeCode = null,
        IReadOnlyCollection<UnitKind>? kinds = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var (units, _) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        if (kinds is { Count: > 0 })
        {
            units = units.Where(u => kinds.Contains(u.Kind)).ToList();
        }

        var filter = PeriodData.ScopeFilter(caller, communeCode, units) ?? (kinds is { Count: > 0 } ? units.Select(u => u.Id).ToList() : null);
        var reports = await PeriodData.ReportsAsync(db, period, filter, ct);
        // The whole province reads without id lists (null filter): focal points of every unit.
        var focal = (await directory.FocalPointsAsync(filter, ct)).FirstNamePerUnit();
        var lastOnTime = schedule.WindowOf(period).LastDayOnTime;
        return units
            .OrderBy(u => u.Commune?.Name ?? "\uffff", StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Select(u =>
            {
                reports.TryGetValue(u.Id, out var r);
                var submitted = r is { IsSubmitted: true };
                var late = submitted && r!.Timeliness == Timeliness.Late && r.FirstSubmittedAt is { } first
                    ? Math.Max(1, DateOnly.FromDateTime(VietnamTime.ToLocal(first).DateTime).DayNumber - lastOnTime.DayNumber)
                    : 0;
                return new UnitFiling(u, submitted, r is not null && !submitted, submitted ? r!.Timeliness : null, submitted ? r!.FirstSubmittedAt : null,
                    late, focal.GetValueOrDefault(u.Id), u.Phone);
            })
            .ToList();
    }
}
