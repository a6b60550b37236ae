using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Filing.Commands;

/// <summary>
/// Saves (or clears) one answer. A held draft is checked in memory and written at its revision; when that write changes
/// nothing (someone saved since) or the draft cannot be saved to, the report is reloaded and the save decided on what
/// is stored: refused, a conflict on the same question, or the same write at the stored revision, telling what others changed.
/// </summary>
internal sealed class SaveAnswer(ReportingDatabase database, DraftReader reader, IReportingSchedule schedule, TimeProvider clock)
{
    public async Task<SaveResult> RunAsync(Caller caller, DraftSession draft, string questionKey, AnswerValue? value, CancellationToken ct)
    {
        var question = draft.Questions.FirstOrDefault(q => q.Key == questionKey);
        if (question is null || draft.Status != ReportStatus.Draft || !caller.CanFileFor(draft.Unit) || schedule.PhaseOf(draft.Period) == PeriodPhase.Locked)
        {
            // Every refusal is decided and worded on the report as stored.
            return await RunAsync(caller, draft.ReportId, questionKey, value, draft.Revision, ct);
        }

        var stored = draft.Answers.GetValueOrDefault(questionKey);
        if (value is not null)
        {
            var current = draft.Answers.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal);
            if (Invalid(draft.Form, question, value, current, []) is { } invalid)
            {
                return invalid with { Revision = draft.Revision };
            }
        }

        if (stored?.Value.Storage == value?.Storage)
        {
            return new(SaveOutcome.Saved, draft.Revision, [], []);
        }

        await using (var db = await database.OpenAsync(ct))
        {
            await using var tx = await DraftWrite.BeginAsync(database, db, ct);
            if (await TryWriteAsync(db, caller, draft.ReportId, draft.Version, draft.Revision, questionKey, value, stored?.Value.Storage, ct))
            {
                await tx.CommitAsync(ct);
                return new(SaveOutcome.Saved, draft.Revision + 1, [], []);
            }
        }

        // Someone saved since the draft was read: reload, tell what changed, and decide again.
        return await RunAsync(caller, draft.ReportId, questionKey, value, draft.Revision, ct);
    }

    public async Task<SaveResult> RunAsync(Caller caller, long reportId, string questionKey, AnswerValue? value, int expectedRevision, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= DraftWrite.Attempts; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            await using var tx = await DraftWrite.BeginAsync(database, db, ct);
            var report = await reader.LockedReportAsync(db, reportId, ct);
            if (report?.Unit is null)
            {
                return Refused(SaveOutcome.NotFound, 0);
            }

            var unit = report.Unit.ToInfo();
            var period = Period.Parse(report.PeriodKey);
            var form = reader.FormOf(report);
            var question = form.QuestionsFor(unit.Profile).FirstOrDefault(q => q.Key == questionKey);
            var refused = !caller.CanFileFor(unit)
                ? Refused(SaveOutcome.Denied, report.Revision)
                : report.Status == ReportStatus.Submitted
                    ? Refused(SaveOutcome.NotEditable, report.Revision)
                    : schedule.PhaseOf(period) == PeriodPhase.Locked
                        ? Refused(SaveOutcome.NotEditable, report.Revision)
                        : question is null
                            ? Refused(SaveOutcome.UnknownQuestion, report.Revision)
                            : null;
            if (refused is not null)
            {
                return refused;
            }

            var answers = await FilingQueries.For(db).AnswersAsync(db, report.Id, report.WorkingVersion, ct);
            var changed = answers.Where(a => a.Revision > expectedRevision && a.UpdatedBy != caller.Actor).ToList();
            var people = changed.Select(a => a.UpdatedByPersonId).OfType<long>().Distinct().ToList();
            var names = people.Count == 0
                ? new Dictionary<long, string>()
                : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
                    db.People.Where(p => people.Contains(p.Id)), p => p.Id, p => p.DisplayName, ct);
            var changes = changed.Select(a => DraftReader.Change(form, a, names)).ToList();
            if (changes.FirstOrDefault(c => c.QuestionKey == questionKey) is { } theirs)
            {
                return new(SaveOutcome.Conflict, report.Revision, [], changes);
            }

            if (value is not null)
            {
                var current = answers.ToDictionary(a => a.QuestionKey, a => DraftReader.ValueOf(form, a), StringComparer.Ordinal);
                if (Invalid(form, question!, value, current, changes) is { } invalid)
                {
                    return invalid with { Revision = report.Revision };
                }
            }

            var old = answers.FirstOrDefault(a => a.QuestionKey == questionKey)?.Value;
            if (old == value?.Storage)
            {
                return new(SaveOutcome.Saved, report.Revision, [], changes);
            }

            if (await TryWriteAsync(db, caller, report.Id, report.WorkingVersion, report.Revision, questionKey, value, old, ct))
            {
                await tx.CommitAsync(ct);
                return new(SaveOutcome.Saved, report.Revision + 1, [], changes);
            }
        }

        throw DraftWrite.Exhausted(reportId);

        static SaveResult Refused(SaveOutcome outcome, int revision) => new(outcome, revision, [], []);
    }

    private static SaveResult? Invalid(FormDefinition form, QuestionDefinition question, AnswerValue value, IReadOnlyDictionary<string, AnswerValue> current,
        IReadOnlyList<AnswerChange> changes)
    {
        var problems = FormValidator.CheckAnswer(form, question, value, current);
        return problems.Any(p => p.Severity == ProblemSeverity.Error)
            ? new(SaveOutcome.Invalid, 0, problems, changes)
            : null;
    }

    /// <summary>
    /// The one write of a save: moves the report from <paramref name="revision"/> to the next one, writes (or deletes) the
    /// answer and the audit row. False, with nothing written, when the report is no longer the draft at that revision.
    /// </summary>
    private async Task<bool> TryWriteAsync(ReportingDbContext db, Caller caller, long reportId, int version, int revision, string questionKey,
        AnswerValue? value, string? old, CancellationToken ct)
    {
        var next = revision + 1;
        var claimed = await db.ExecuteAsync(
            "UPDATE reports SET \"Revision\" = @next WHERE \"Id\" = @id AND \"Revision\" = @revision AND \"Status\" = 'Draft' AND \"WorkingVersion\" = @version",
            ct, ("next", next), ("id", reportId), ("revision", revision), ("version", version));
        if (claimed != 1)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (value is null)
        {
            await db.ExecuteAsync("DELETE FROM answers WHERE \"ReportId\" = @report AND \"Version\" = @version AND \"QuestionKey\" = @question",
                ct, ("report", reportId), ("version", version), ("question", questionKey));
        }
        else
        {
            await db.ExecuteAsync(
                """
                INSERT INTO answers ("ReportId", "Version", "QuestionKey", "Value", "Number", "Revision", "UpdatedAt", "UpdatedBy", "UpdatedByPersonId")
                VALUES (@report, @version, @question, @value, @number, @revision, @at, @by, @person)
                ON CONFLICT ("ReportId", "Version", "QuestionKey") DO UPDATE SET "Value" = excluded."Value", "Number" = excluded."Number",
                    "Revision" = excluded."Revision", "UpdatedAt" = excluded."UpdatedAt", "UpdatedBy" = excluded."UpdatedBy",
                    "UpdatedByPersonId" = excluded."UpdatedByPersonId"
                """,
                ct, ("report", reportId), ("version", version), ("question", questionKey), ("value", value.Storage),
                ("number", value.Number is { } n ? (double)n : null), ("revision", next), ("at", now.ToUnixTimeMilliseconds()),
                ("by", caller.Actor), ("person", caller.PersonId));
        }

        await FilingAudit.WriteAsync(db, now, caller, value is null ? "report.answer.cleared" : "report.answer.saved", reportId,
            new { question = questionKey, version, old, @new = value?.Storage }, ct);
        return true;
    }
}
