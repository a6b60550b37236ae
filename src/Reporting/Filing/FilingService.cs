using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing.Commands;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing;

/// <summary>
/// <see cref="IFilingService"/>: the reads, and one command object per write (open, save an answer, submit, amend), each
/// with its own single write path (see <see cref="DraftWrite"/>).
/// </summary>
internal sealed class FilingService : IFilingService
{
    private readonly ReportingDatabase _database;
    private readonly DraftReader _reader;
    private readonly OpenReport _open;
    private readonly SaveAnswer _save;
    private readonly SubmitReport _submit;
    private readonly AmendReport _amend;

    public FilingService(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule, TimeProvider clock)
    {
        _database = database;
        _reader = new DraftReader(database, forms, schedule, clock);
        _open = new OpenReport(database, _reader, forms, schedule, clock);
        _save = new SaveAnswer(database, _reader, schedule, clock);
        _submit = new SubmitReport(database, _reader, schedule, clock);
        _amend = new AmendReport(database, _reader, schedule, clock);
    }

    public Task<OpenResult> OpenAsync(Caller caller, string unitCode, Period period, CancellationToken ct = default) =>
        _open.RunAsync(caller, unitCode, period, ct);

    public async Task<DraftSession?> GetAsync(Caller caller, long reportId, CancellationToken ct = default)
    {
        await using var db = await _database.OpenAsync(ct);
        var report = await FilingQueries.For(db).ReportWithUnitAsync(db, reportId, ct);
        if (report?.Unit is null || !caller.CanSee(report.Unit.ToInfo()))
        {
            return null;
        }

        return await _reader.SessionAsync(db, report, report.Unit.ToInfo(), ct);
    }

    public Task<SaveResult> SaveAnswerAsync(Caller caller, long reportId, string questionKey, AnswerValue? value, int expectedRevision,
        CancellationToken ct = default) =>
        _save.RunAsync(caller, reportId, questionKey, value, expectedRevision, ct);

    public Task<SaveResult> SaveAnswerAsync(Caller caller, DraftSession draft, string questionKey, AnswerValue? value, CancellationToken ct = default) =>
        _save.RunAsync(caller, draft, questionKey, value, ct);

    public async Task<ValidationResult> ValidateAsync(Caller caller, long reportId, CancellationToken ct = default)
    {
        await using var db = await _database.OpenAsync(ct);
        var report = await FilingQueries.For(db).ReportWithUnitAsync(db, reportId, ct);
        if (report?.Unit is null || !caller.CanSee(report.Unit.ToInfo()))
        {
            throw new ReportingAccessDeniedException(AccessDenial.ReportNotFound);
        }

        return await _reader.ValidateAsync(db, report, report.Unit.ToInfo(), ct);
    }

    public ValidationResult Validate(DraftSession draft) => DraftReader.Validate(draft);

    public Task<SubmitResult> SubmitAsync(Caller caller, DraftSession draft, CancellationToken ct = default) =>
        _submit.RunAsync(caller, draft, ct);

    public Task<SubmitResult> SubmitAsync(Caller caller, long reportId, int expectedRevision, CancellationToken ct = default) =>
        _submit.RunAsync(caller, reportId, expectedRevision, ct);

    public Task<AmendResult> AmendAsync(Caller caller, long reportId, CancellationToken ct = default) =>
        _amend.RunAsync(caller, reportId, ct);

    public async Task<IReadOnlyList<ReportSummary>> HistoryAsync(Caller caller, string unitCode, int limit = 12, CancellationToken ct = default)
    {
        var code = (unitCode ?? "").Trim();
        await using var db = await _database.OpenAsync(ct);
        var unit = await db.Units.AsNoTracking().Include(u => u.Commune).FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null || !caller.CanSee(unit.ToInfo()))
        {
            throw new ReportingAccessDeniedException(AccessDenial.UnknownUnit, code);
        }

        var reports = await db.Reports.AsNoTracking().Where(r => r.UnitId == unit.Id)
            .Select(r => new
            {
                r.Id, r.PeriodKey, r.Status, r.SubmittedVersion, r.Timeliness, r.LastSubmittedAt,
                Reference = r.Submissions.OrderByDescending(s => s.Version).Select(s => s.ReferenceNumber).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return reports
            .Select(r => new ReportSummary(r.Id, Period.Parse(r.PeriodKey), r.Status, r.SubmittedVersion, r.Timeliness, r.LastSubmittedAt, r.Reference))
            .OrderByDescending(r => r.Period)
            .Take(Math.Clamp(limit, 1, 120))
            .ToList();
    }
}
