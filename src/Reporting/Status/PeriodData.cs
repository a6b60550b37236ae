using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Status;

/// <summary>The state of one unit's report for a period (null fields: no report yet).</summary>
internal sealed record ReportState(long Id, ReportStatus Status, int SubmittedVersion, Timeliness? Timeliness, DateTimeOffset? LastSubmittedAt, string FormId, int FormVersion,
    DateTimeOffset? FirstSubmittedAt = null)
{
    public bool IsSubmitted => SubmittedVersion > 0;
}

/// <summary>A submitted answer, read for aggregates and exports.</summary>
internal readonly record struct SubmittedAnswer(int UnitId, string QuestionKey, string Value, double? Number);

/// <summary>Reads what the status queries and exports need, in a few set-based queries per period.</summary>
internal static class PeriodData
{
    /// <summary>The ids to filter by in SQL: null when the caller sees the province and no commune was asked for.</summary>
    public static IReadOnlyCollection<int>? ScopeFilter(Caller caller, string? communeCode, List<UnitInfo> units) =>
        caller.SeesProvince && string.IsNullOrWhiteSpace(communeCode) ? null : units.Select(u => u.Id).ToList();

    /// <param name="unitIds">Only these units (a commune's or one unit's scope); null for the whole province.</param>
    public static async Task<Dictionary<int, ReportState>> ReportsAsync(ReportingDbContext db, Period period, IReadOnlyCollection<int>? unitIds, CancellationToken ct)
    {
        var key = period.Key;
        var reports = db.Reports.AsNoTracking().Where(r => r.PeriodKey == key);
        if (unitIds is not null)
        {
            reports = reports.Where(r => unitIds.Contains(r.UnitId));
        }

        var rows = await reports
            .Select(r => new { r.UnitId, State = new ReportState(r.Id, r.Status, r.SubmittedVersion, r.Timeliness, r.LastSubmittedAt, r.FormId, r.FormVersion, r.FirstSubmittedAt) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.UnitId, r => r.State);
    }

    /// <summary>Answers of the latest submitted version of each report of the period (drafts and amendments in progress excluded).</summary>
    public static async Task<List<SubmittedAnswer>> SubmittedAnswersAsync(ReportingDbContext db, Period period, IReadOnlyCollection<int>? unitIds,
        IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var key = period.Key;
        var query = from r in db.Reports.AsNoTracking()
                    join a in db.Answers.AsNoTracking() on new { ReportId = r.Id, Version = r.SubmittedVersion } equals new { a.ReportId, a.Version }
                    where r.PeriodKey == key
                    select new { r.UnitId, a.QuestionKey, a.Value, a.Number };
        if (unitIds is not null)
        {
            query = query.Where(x => unitIds.Contains(x.UnitId));
        }

        if (keys is not null)
        {
            query = query.Where(x => keys.Contains(x.QuestionKey));
        }

        var rows = await query.ToListAsync(ct);
        return rows.Select(x => new SubmittedAnswer(x.UnitId, x.QuestionKey, x.Value, x.Number)).ToList();
    }

    /// <summary>
    /// Sum and count of the numeric answers to each question over the submitted reports. A count and its total share
    /// applicability and are both required, so every submitted report that has one has the other.
    /// </summary>
    public static async Task<Dictionary<string, (double Sum, int Units)>> NumericSumsAsync(ReportingDbContext db, Period period,
        IReadOnlyCollection<int>? unitIds, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var key = period.Key;
        var reports = SubmittedJoinSide(db, key, unitIds);
        var sums = await (from r in reports
                          join a in db.Answers.AsNoTracking() on new { ReportId = r.Id, Version = r.SubmittedVersion } equals new { a.ReportId, a.Version }
                          where keys.Contains(a.QuestionKey) && a.Number != null
                          group a by a.QuestionKey into g
                          select new { Key = g.Key, Sum = g.Sum(a => a.Number!.Value), Units = g.Count() })
            .ToListAsync(ct);
        return sums.ToDictionary(x => x.Key, x => (x.Sum, x.Units), StringComparer.Ordinal);
    }

    /// <summary>
    /// The reports of the period in scope, to join with answers on (report, submitted version). No "submitted" filter:
    /// answer versions start at 1, so a never-submitted report (version 0) joins no answers anyway, and the explicit
    /// <c>SubmittedVersion &gt; 0</c> made SQLite scan each report's versions by range instead of probing the covering
    /// index on (report, version, question).
    /// </summary>
    private static IQueryable<Report> SubmittedJoinSide(ReportingDbContext db, string periodKey, IReadOnlyCollection<int>? unitIds)
    {
        var reports = db.Reports.AsNoTracking().Where(r => r.PeriodKey == periodKey);
        return unitIds is null ? reports : reports.Where(r => unitIds.Contains(r.UnitId));
    }

    /// <summary>Submitted reports of the period in scope.</summary>
    public static Task<int> SubmittedCountAsync(ReportingDbContext db, Period period, IReadOnlyCollection<int>? unitIds, CancellationToken ct)
    {
        var key = period.Key;
        var reports = db.Reports.AsNoTracking().Where(r => r.PeriodKey == key && r.SubmittedVersion > 0);
        return (unitIds is null ? reports : reports.Where(r => unitIds.Contains(r.UnitId))).CountAsync(ct);
    }

    /// <summary>How many submitted reports gave each stored value, for the given (choice or yes/no) questions.</summary>
    public static async Task<Dictionary<(string Key, string Value), int>> ValueCountsAsync(ReportingDbContext db, Period period,
        IReadOnlyCollection<int>? unitIds, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var key = period.Key;
        var reports = SubmittedJoinSide(db, key, unitIds);
        var counts = await (from r in reports
                            join a in db.Answers.AsNoTracking() on new { ReportId = r.Id, Version = r.SubmittedVersion } equals new { a.ReportId, a.Version }
                            where keys.Contains(a.QuestionKey)
                            group a by new { a.QuestionKey, a.Value } into g
                            select new { g.Key.QuestionKey, g.Key.Value, Count = g.Count() })
            .ToListAsync(ct);
        return counts.ToDictionary(c => (c.QuestionKey, c.Value), c => c.Count);
    }
}
