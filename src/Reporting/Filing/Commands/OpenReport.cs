using System.Globalization;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing.Commands;

/// <summary>
/// Opens a unit's report for a period: resumes the stored one, or creates the draft under the current form. The write is
/// one insert; the unique (unit, period) index decides between focal points who open at the same moment, and the loser
/// reloads and resumes the winner's report.
/// </summary>
internal sealed class OpenReport(ReportingDatabase database, DraftReader reader, IFormCatalog forms, IReportingSchedule schedule, TimeProvider clock)
{
    public async Task<OpenResult> RunAsync(Caller caller, string unitCode, Period period, CancellationToken ct)
    {
        var code = (unitCode ?? "").Trim();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            var unit = await FilingQueries.For(db).ActiveUnitAsync(db, code, ct);
            if (unit is null)
            {
                return new(OpenOutcome.UnknownUnit, null);
            }

            var info = unit.ToInfo();
            if (!caller.CanFileFor(info))
            {
                return new(OpenOutcome.Denied, null);
            }

            var existing = await FilingQueries.For(db).ReportAsync(db, unit.Id, period.Key, ct);
            var phase = schedule.PhaseOf(period);
            if (existing is not null)
            {
                return await ResumeAsync(db, existing, info, period, phase, ct);
            }

            if (Refusal(period, phase) is { } refused)
            {
                return refused;
            }

            var form = forms.ForPeriod(period);
            if (form is null)
            {
                return new(OpenOutcome.NoForm, null);
            }

            var report = new Report
            {
                UnitId = unit.Id,
                PeriodKind = period.Kind,
                PeriodKey = period.Key,
                FormId = form.Id,
                FormVersion = form.Version,
                Status = ReportStatus.Draft,
                CreatedAt = clock.GetUtcNow(),
            };
            try
            {
                await CreateAsync(db, caller, report, unit.Code, ct);
            }
            catch (System.Data.Common.DbException) when (attempt < DraftWrite.Attempts)
            {
                // Another focal point of the unit opened the same report at the same moment (unique unit and period): resume theirs.
                continue;
            }

            var created = await reader.SessionAsync(db, report, info, ct, created: true);
            return new(OpenOutcome.Created, created);
        }
    }

    private async Task<OpenResult> ResumeAsync(ReportingDbContext db, Report existing, UnitInfo info, Period period, PeriodPhase phase, CancellationToken ct)
    {
        var session = await reader.SessionAsync(db, existing, info, ct);
        return phase == PeriodPhase.Locked
            ? new(OpenOutcome.Locked, session)
            : existing.Status == ReportStatus.Submitted
                ? new(OpenOutcome.AlreadySubmitted, session)
                : new(OpenOutcome.Resumed, session);
    }

    private OpenResult? Refusal(Period period, PeriodPhase phase) => phase switch
    {
        PeriodPhase.NotOpen => new(OpenOutcome.NotOpenYet, null),
        PeriodPhase.Locked => new(OpenOutcome.Locked, null),
        _ => null,
    };

    /// <summary>Inserts the draft and its audit row (sets <see cref="Report.Id"/>); throws when the unit's report for the period exists.</summary>
    private async Task CreateAsync(ReportingDbContext db, Caller caller, Report report, string unitCode, CancellationToken ct)
    {
        // Plain statements: opening is the one heavy message of a filing, and it holds SQLite's single writer.
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await database.BeginWriteAsync(db, ct);
        report.Id = Convert.ToInt64(await db.ScalarAsync(
            """
            INSERT INTO reports ("UnitId", "PeriodKind", "PeriodKey", "FormId", "FormVersion", "Status", "WorkingVersion", "SubmittedVersion", "Revision", "CreatedAt")
            VALUES (@unit, @kind, @key, @form, @formVersion, 'Draft', 1, 0, 0, @at)
            RETURNING "Id"
            """,
            ct, ("unit", report.UnitId), ("kind", report.PeriodKind.ToString()), ("key", report.PeriodKey), ("form", report.FormId),
            ("formVersion", report.FormVersion), ("at", report.CreatedAt.ToUnixTimeMilliseconds())), CultureInfo.InvariantCulture);
        await FilingAudit.WriteAsync(db, report.CreatedAt, caller, "report.created", report.Id,
            new { unit = unitCode, period = report.PeriodKey, form = $"{report.FormId} v{report.FormVersion}" }, ct);
        await tx.CommitAsync(ct);
    }
}
