using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing;

/// <summary>
/// The reads behind opening and showing a report, compiled once per provider's context (a compiled query serves one
/// model): for these short lookups EF's LINQ pipeline cost more than SQLite did.
/// </summary>
internal abstract class FilingQueries
{
    public static FilingQueries For(ReportingDbContext db) => db switch
    {
        SqliteReportingDbContext => FilingQueries<SqliteReportingDbContext>.Instance,
        PostgresReportingDbContext => FilingQueries<PostgresReportingDbContext>.Instance,
        _ => throw new NotSupportedException(db.GetType().Name),
    };

    /// <summary>An active unit by code, with its commune.</summary>
    public abstract Task<Unit?> ActiveUnitAsync(ReportingDbContext db, string code, CancellationToken ct);

    public abstract Task<Report?> ReportAsync(ReportingDbContext db, int unitId, string periodKey, CancellationToken ct);

    /// <summary>A report with its unit and commune, not tracked.</summary>
    public abstract Task<Report?> ReportWithUnitAsync(ReportingDbContext db, long reportId, CancellationToken ct);

    public abstract Task<List<Answer>> AnswersAsync(ReportingDbContext db, long reportId, int version, CancellationToken ct);

    /// <summary>The unit's latest submitted report of the kind before the period key.</summary>
    public abstract Task<Report?> PreviousSubmittedAsync(ReportingDbContext db, int unitId, PeriodKind kind, string periodKey, CancellationToken ct);

    public abstract Task<ReportSubmission?> LastSubmissionAsync(ReportingDbContext db, long reportId, CancellationToken ct);
}

internal sealed class FilingQueries<TContext> : FilingQueries
    where TContext : ReportingDbContext
{
    public static readonly FilingQueries<TContext> Instance = new();

    private static readonly Func<TContext, string, CancellationToken, Task<Unit?>> ActiveUnit =
        EF.CompileAsyncQuery((TContext db, string code, CancellationToken ct) =>
            db.Units.AsNoTracking().Include(u => u.Commune).FirstOrDefault(u => u.Code == code && u.Active));

    private static readonly Func<TContext, int, string, CancellationToken, Task<Report?>> ReportOf =
        EF.CompileAsyncQuery((TContext db, int unitId, string periodKey, CancellationToken ct) =>
            db.Reports.AsNoTracking().FirstOrDefault(r => r.UnitId == unitId && r.PeriodKey == periodKey));

    private static readonly Func<TContext, long, CancellationToken, Task<Report?>> ReportWithUnit =
        EF.CompileAsyncQuery((TContext db, long reportId, CancellationToken ct) =>
            db.Reports.AsNoTracking().Include(r => r.Unit).ThenInclude(u => u!.Commune).FirstOrDefault(r => r.Id == reportId));

    private static readonly Func<TContext, long, int, IAsyncEnumerable<Answer>> Answers =
        EF.CompileAsyncQuery<TContext, long, int, Answer>((db, reportId, version) =>
            db.Answers.AsNoTracking().Where(a => a.ReportId == reportId && a.Version == version));

    private static readonly Func<TContext, int, PeriodKind, string, CancellationToken, Task<Report?>> Previous =
        EF.CompileAsyncQuery((TContext db, int unitId, PeriodKind kind, string periodKey, CancellationToken ct) =>
            db.Reports.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.PeriodKind == kind && r.SubmittedVersion > 0 && string.Compare(r.PeriodKey, periodKey) < 0)
                .OrderByDescending(r => r.PeriodKey)
                .FirstOrDefault());

    private static readonly Func<TContext, long, CancellationToken, Task<ReportSubmission?>> LastSubmission =
        EF.CompileAsyncQuery((TContext db, long reportId, CancellationToken ct) =>
            db.ReportSubmissions.AsNoTracking().Where(s => s.ReportId == reportId).OrderByDescending(s => s.Version).FirstOrDefault());

    public override Task<Unit?> ActiveUnitAsync(ReportingDbContext db, string code, CancellationToken ct) => ActiveUnit((TContext)db, code, ct);

    public override Task<Report?> ReportAsync(ReportingDbContext db, int unitId, string periodKey, CancellationToken ct) => ReportOf((TContext)db, unitId, periodKey, ct);

    public override Task<Report?> ReportWithUnitAsync(ReportingDbContext db, long reportId, CancellationToken ct) => ReportWithUnit((TContext)db, reportId, ct);

    public override Task<List<Answer>> AnswersAsync(ReportingDbContext db, long reportId, int version, CancellationToken ct) =>
        Answers((TContext)db, reportId, version).ToListAsync(ct).AsTask();

    public override Task<Report?> PreviousSubmittedAsync(ReportingDbContext db, int unitId, PeriodKind kind, string periodKey, CancellationToken ct) =>
        Previous((TContext)db, unitId, kind, periodKey, ct);

    public override Task<ReportSubmission?> LastSubmissionAsync(ReportingDbContext db, long reportId, CancellationToken ct) => LastSubmission((TContext)db, reportId, ct);
}
