using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Filing.Commands;

/// <summary>
/// Submits the working version of a report. A held draft is validated in memory and written at its revision; when that
/// write changes nothing (the report changed or was submitted meanwhile) or the draft cannot be submitted, the report is
/// reloaded and the submission decided on what is stored. The first submission decides the report's timeliness.
/// </summary>
internal sealed class SubmitReport(ReportingDatabase database, DraftReader reader, IReportingSchedule schedule, TimeProvider clock)
{
    public async Task<SubmitResult> RunAsync(Caller caller, DraftSession draft, CancellationToken ct)
    {
        if (draft.Status != ReportStatus.Draft || !caller.CanFileFor(draft.Unit) || schedule.PhaseOf(draft.Period) == PeriodPhase.Locked)
        {
            return await RunAsync(caller, draft.ReportId, draft.Revision, ct);
        }

        var validation = DraftReader.Validate(draft);
        if (!validation.CanSubmit)
        {
            return NotSubmittable(validation);
        }

        await using (var db = await database.OpenAsync(ct))
        {
            await using var tx = await DraftWrite.BeginAsync(database, db, ct);
            if (await TryWriteAsync(db, caller, draft.ReportId, draft.Version, draft.Revision, draft.Period, draft.Unit, ct) is { } receipt)
            {
                await tx.CommitAsync(ct);
                return Submitted(receipt, validation);
            }
        }

        // The report changed since the draft was read (or was submitted meanwhile): reload and explain.
        return await RunAsync(caller, draft.ReportId, draft.Revision, ct);
    }

    public async Task<SubmitResult> RunAsync(Caller caller, long reportId, int expectedRevision, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= DraftWrite.Attempts; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            await using var tx = await DraftWrite.BeginAsync(database, db, ct);
            var report = await reader.LockedReportAsync(db, reportId, ct);
            if (report?.Unit is null)
            {
                return new(SubmitOutcome.NotFound, null, null);
            }

            var unit = report.Unit.ToInfo();
            var period = Period.Parse(report.PeriodKey);
            if (!caller.CanFileFor(unit))
            {
                return new(SubmitOutcome.Denied, null, null);
            }

            if (report.Status == ReportStatus.Submitted)
            {
                return new(SubmitOutcome.AlreadySubmitted, await DraftReader.LastReceiptAsync(db, report, unit, ct), null);
            }

            if (schedule.PhaseOf(period) == PeriodPhase.Locked)
            {
                return new(SubmitOutcome.Locked, null, null);
            }

            if (report.Revision != expectedRevision)
            {
                return new(SubmitOutcome.Conflict, null, null);
            }

            var validation = await reader.ValidateAsync(db, report, unit, ct);
            if (!validation.CanSubmit)
            {
                return NotSubmittable(validation);
            }

            if (await TryWriteAsync(db, caller, report.Id, report.WorkingVersion, report.Revision, period, unit, ct) is { } receipt)
            {
                await tx.CommitAsync(ct);
                return Submitted(receipt, validation);
            }
        }

        throw DraftWrite.Exhausted(reportId);
    }

    private static SubmitResult NotSubmittable(ValidationResult validation) => new(SubmitOutcome.Invalid, null, validation);

    private static SubmitResult Submitted(Receipt receipt, ValidationResult validation) => new(SubmitOutcome.Submitted, receipt, validation);

    /// <summary>
    /// The one write of a submission: marks the report submitted if it is still the draft of <paramref name="version"/> at
    /// <paramref name="revision"/>, and adds the receipt and the audit row. Null, with nothing written, otherwise.
    /// </summary>
    private async Task<Receipt?> TryWriteAsync(ReportingDbContext db, Caller caller, long reportId, int version, int revision, Period period, UnitInfo unit,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        var timeliness = schedule.TimelinessOf(period, now).ToString();
        var reference = $"BC-{period.Key}-{unit.Code}-{version}";
        var stored = await db.ScalarAsync(
            """
            UPDATE reports SET "Status" = 'Submitted', "SubmittedVersion" = "WorkingVersion", "Revision" = "Revision" + 1,
                "Timeliness" = COALESCE("Timeliness", @timeliness), "FirstSubmittedAt" = COALESCE("FirstSubmittedAt", @at), "LastSubmittedAt" = @at
            WHERE "Id" = @id AND "Revision" = @revision AND "Status" = 'Draft' AND "WorkingVersion" = @version
            RETURNING "Timeliness"
            """,
            ct, ("timeliness", timeliness), ("at", at), ("id", reportId), ("revision", revision), ("version", version));
        if (stored is not string reportTimeliness)
        {
            return null;
        }

        await db.ExecuteAsync(
            """
            INSERT INTO report_submissions ("ReportId", "Version", "ReferenceNumber", "SubmittedAt", "SubmittedBy", "SubmittedByPersonId", "Timeliness")
            VALUES (@report, @version, @reference, @at, @by, @person, @timeliness)
            """,
            ct, ("report", reportId), ("version", version), ("reference", reference), ("at", at), ("by", caller.Actor),
            ("person", caller.PersonId), ("timeliness", timeliness));
        await FilingAudit.WriteAsync(db, now, caller, version == 1 ? "report.submitted" : "report.amended", reportId,
            new { version, reference, timeliness }, ct);
        return new Receipt(reference, reportId, unit.Code, unit.Name, period, version, now, Enum.Parse<Timeliness>(reportTimeliness));
    }
}
