using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Filing.Commands;

/// <summary>
/// Reopens a submitted report as version n+1, a copy of the submitted answers, until the period locks. The submitted
/// version stays what aggregates read until the amendment is submitted.
/// </summary>
internal sealed class AmendReport(ReportingDatabase database, DraftReader reader, IReportingSchedule schedule, TimeProvider clock)
{
    public async Task<AmendResult> RunAsync(Caller caller, long reportId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= DraftWrite.Attempts; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            await using var tx = await DraftWrite.BeginAsync(database, db, ct);
            var report = await reader.LockedReportAsync(db, reportId, ct);
            if (report?.Unit is null)
            {
                return new(AmendOutcome.NotFound, null);
            }

            var unit = report.Unit.ToInfo();
            var period = Period.Parse(report.PeriodKey);
            if (!caller.CanFileFor(unit))
            {
                return new(AmendOutcome.Denied, null);
            }

            if (report.Status == ReportStatus.Draft)
            {
                return new(AmendOutcome.AlreadyDraft, await reader.SessionAsync(db, report, unit, ct));
            }

            if (schedule.PhaseOf(period) == PeriodPhase.Locked)
            {
                return new(AmendOutcome.Locked, null);
            }

            if (await TryWriteAsync(db, caller, report.Id, report.SubmittedVersion, report.Revision, ct))
            {
                await tx.CommitAsync(ct);
                report.WorkingVersion = report.SubmittedVersion + 1;
                report.Status = ReportStatus.Draft;
                report.Revision++;
                return new(AmendOutcome.Reopened, await reader.SessionAsync(db, report, unit, ct));
            }
        }

        throw DraftWrite.Exhausted(reportId);
    }

    /// <summary>
    /// The one write of an amendment: makes version <paramref name="submitted"/> + 1 the working draft if the report is
    /// still submitted at <paramref name="revision"/>, copies the submitted answers into it and adds the audit row. False,
    /// with nothing written, otherwise.
    /// </summary>
    private async Task<bool> TryWriteAsync(ReportingDbContext db, Caller caller, long reportId, int submitted, int revision, CancellationToken ct)
    {
        var version = submitted + 1;
        var claimed = await db.ExecuteAsync(
            """
            UPDATE reports SET "Status" = 'Draft', "WorkingVersion" = @version, "Revision" = "Revision" + 1
            WHERE "Id" = @id AND "Revision" = @revision AND "Status" = 'Submitted' AND "SubmittedVersion" = @submitted
            """,
            ct, ("version", version), ("id", reportId), ("revision", revision), ("submitted", submitted));
        if (claimed != 1)
        {
            return false;
        }

        await db.ExecuteAsync(
            """
            INSERT INTO answers ("ReportId", "Version", "QuestionKey", "Value", "Number", "Revision", "UpdatedAt", "UpdatedBy", "UpdatedByPersonId")
            SELECT "ReportId", @version, "QuestionKey", "Value", "Number", "Revision", "UpdatedAt", "UpdatedBy", "UpdatedByPersonId"
            FROM answers WHERE "ReportId" = @id AND "Version" = @submitted
            """,
            ct, ("version", version), ("id", reportId), ("submitted", submitted));
        await FilingAudit.WriteAsync(db, clock.GetUtcNow(), caller, "report.amendment.opened", reportId, new { version }, ct);
        return true;
    }
}
