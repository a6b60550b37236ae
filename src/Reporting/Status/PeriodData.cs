using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Status;

/// <summary>The state of one unit's report for a period (null fields: no report yet).</summary>
internal sealed record ReportState(long Id, ReportStatus Status, int SubmittedVersion, Timeliness? Timeliness, DateTimeOffset? LastSubmittedAt, string FormId, int FormVersion)
{
    public bool IsSubmitted => SubmittedVersion > 0;
}

/// <summary>A submitted answer, read for aggregates and exports.</summary>
internal readonly record struct SubmittedAnswer(int UnitId, string QuestionKey, string Value, double? Number);

/// <summary>Reads what the status queries and exports need, in a few set-based queries per period.</summary>
internal static class PeriodData
{
    public static async Task<Dictionary<int, ReportState>> ReportsAsync(ReportingDbContext db, Period period, CancellationToken ct)
    {
        var key = period.Key;
        var rows = await db.Reports.AsNoTracking().Where(r => r.PeriodKey == key)
            .Select(r => new { r.UnitId, State = new ReportState(r.Id, r.Status, r.SubmittedVersion, r.Timeliness, r.LastSubmittedAt, r.FormId, r.FormVersion) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.UnitId, r => r.State);
    }

    /// <summary>Answers of the latest submitted version of each report of the period (drafts and amendments in progress excluded).</summary>
    public static async Task<List<SubmittedAnswer>> SubmittedAnswersAsync(ReportingDbContext db, Period period, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        var key = period.Key;
        var query = from r in db.Reports.AsNoTracking()
                    join a in db.Answers.AsNoTracking() on new { ReportId = r.Id, Version = r.SubmittedVersion } equals new { a.ReportId, a.Version }
                    where r.PeriodKey == key && r.SubmittedVersion > 0
                    select new { r.UnitId, a.QuestionKey, a.Value, a.Number };
        if (keys is not null)
        {
            query = query.Where(x => keys.Contains(x.QuestionKey));
        }

        var rows = await query.ToListAsync(ct);
        return rows.Select(x => new SubmittedAnswer(x.UnitId, x.QuestionKey, x.Value, x.Number)).ToList();
    }
}
