using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing;

internal sealed class FilingService(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule, TimeProvider clock) : IFilingService
{
    /// <summary>Attempts for a write that lost a race on the report's revision (the retry re-reads and re-decides).</summary>
    private const int WriteAttempts = 4;

    public async Task<OpenResult> OpenAsync(Caller caller, string unitCode, Period period, CancellationToken ct = default)
    {
        var code = (unitCode ?? "").Trim();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            var unit = await FilingQueries.For(db).ActiveUnitAsync(db, code, ct);
            if (unit is null)
            {
                return new(OpenOutcome.UnknownUnit, $"Không tìm thấy đơn vị có mã {code}.", null);
            }

            var info = unit.ToInfo();
            if (!caller.CanFileFor(info))
            {
                return new(OpenOutcome.Denied, $"Bạn không phải đầu mối báo cáo của {info.Name}.", null);
            }

            var existing = await FilingQueries.For(db).ReportAsync(db, unit.Id, period.Key, ct);
            var phase = schedule.PhaseOf(period);
            if (existing is not null)
            {
                var session = await BuildSessionAsync(db, existing, info, ct);
                return phase == PeriodPhase.Locked
                    ? new(OpenOutcome.Locked, $"Báo cáo {period.Label} đã khóa từ {Local(schedule.WindowOf(period).LocksAt)}; chỉ có thể xem.", session)
                    : existing.Status == ReportStatus.Submitted
                        ? new(OpenOutcome.AlreadySubmitted, $"Báo cáo {period.Label} của {info.Name} đã nộp (lần {existing.SubmittedVersion}). Muốn sửa, hãy chọn \"Sửa báo cáo\".", session)
                        : new(OpenOutcome.Resumed, $"Tiếp tục báo cáo {period.Label} của {info.Name}.", session);
            }

            switch (phase)
            {
                case PeriodPhase.NotOpen:
                    return new(OpenOutcome.NotOpenYet, $"Báo cáo {period.Label} mở từ {Local(schedule.WindowOf(period).OpensAt)}.", null);
                case PeriodPhase.Locked:
                    return new(OpenOutcome.Locked, $"Báo cáo {period.Label} đã khóa từ {Local(schedule.WindowOf(period).LocksAt)}; không thể nộp nữa.", null);
            }

            var form = forms.ForPeriod(period);
            if (form is null)
            {
                return new(OpenOutcome.NoForm, $"Chưa có biểu mẫu cho báo cáo {period.Label}.", null);
            }

            var now = clock.GetUtcNow();
            var report = new Report
            {
                UnitId = unit.Id,
                PeriodKind = period.Kind,
                PeriodKey = period.Key,
                FormId = form.Id,
                FormVersion = form.Version,
                Status = ReportStatus.Draft,
                CreatedAt = now,
            };
            try
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
                    ct, ("unit", unit.Id), ("kind", period.Kind.ToString()), ("key", period.Key), ("form", form.Id), ("formVersion", form.Version),
                    ("at", now.ToUnixTimeMilliseconds())), System.Globalization.CultureInfo.InvariantCulture);
                await InsertAuditAsync(db, now, caller, "report.created", report.Id, new { unit = unit.Code, period = period.Key, form = $"{form.Id} v{form.Version}" }, ct);
                await tx.CommitAsync(ct);
            }
            catch (System.Data.Common.DbException) when (attempt < WriteAttempts)
            {
                // Another focal point of the unit opened the same report at the same moment (unique unit and period): resume theirs.
                continue;
            }

            var created = await BuildSessionAsync(db, report, info, ct, created: true);
            var late = phase == PeriodPhase.Overdue ? " Đã quá hạn nộp: báo cáo sẽ được ghi nhận nộp muộn." : "";
            return new(OpenOutcome.Created, $"Bắt đầu báo cáo {period.Label} của {info.Name} ({created.Questions.Count} câu hỏi).{late}", created);
        }
    }

    public async Task<DraftSession?> GetAsync(Caller caller, long reportId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var report = await FilingQueries.For(db).ReportWithUnitAsync(db, reportId, ct);
        if (report?.Unit is null || !caller.CanSee(report.Unit.ToInfo()))
        {
            return null;
        }

        return await BuildSessionAsync(db, report, report.Unit.ToInfo(), ct);
    }

    public async Task<SaveResult> SaveAnswerAsync(Caller caller, long reportId, string questionKey, AnswerValue? value, int expectedRevision,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(db, ct);
            var report = await LockedReportAsync(db, reportId, ct);
            if (report?.Unit is null)
            {
                return Result(SaveOutcome.NotFound, "Không tìm thấy báo cáo.", 0);
            }

            var unit = report.Unit.ToInfo();
            if (!caller.CanFileFor(unit))
            {
                return Result(SaveOutcome.Denied, $"Bạn không phải đầu mối báo cáo của {unit.Name}.", report.Revision);
            }

            var period = Period.Parse(report.PeriodKey);
            if (report.Status == ReportStatus.Submitted)
            {
                return Result(SaveOutcome.NotEditable, $"Báo cáo {period.Label} đã nộp. Muốn sửa, hãy chọn \"Sửa báo cáo\" để mở bản sửa đổi.", report.Revision);
            }

            if (schedule.PhaseOf(period) == PeriodPhase.Locked)
            {
                return Result(SaveOutcome.NotEditable, $"Báo cáo {period.Label} đã khóa; không thể sửa.", report.Revision);
            }

            var form = FormOf(report);
            var question = form.QuestionsFor(unit.Profile).FirstOrDefault(q => q.Key == questionKey);
            if (question is null)
            {
                return Result(SaveOutcome.UnknownQuestion, "Câu hỏi này không có trong biểu mẫu của đơn vị.", report.Revision);
            }

            var answers = await db.Answers.Where(a => a.ReportId == report.Id && a.Version == report.WorkingVersion).ToListAsync(ct);
            var changes = answers
                .Where(a => a.Revision > expectedRevision && a.UpdatedBy != caller.Actor)
                .Select(a => Change(form, a))
                .ToList();
            if (changes.Any(c => c.QuestionKey == questionKey))
            {
                var theirs = changes.First(c => c.QuestionKey == questionKey);
                return new(SaveOutcome.Conflict,
                    $"{theirs.ChangedBy} vừa cập nhật câu \"{question.Text}\" thành: {theirs.NewValue ?? "(để trống)"}. Vui lòng xem lại rồi trả lời lại nếu cần.",
                    report.Revision, [], changes);
            }

            var current = answers.ToDictionary(a => a.QuestionKey, a => ValueOf(form, a), StringComparer.Ordinal);
            if (value is not null)
            {
                var problems = FormValidator.CheckAnswer(form, question, value, current);
                if (problems.Any(p => p.Severity == ProblemSeverity.Error))
                {
                    return new(SaveOutcome.Invalid, string.Join(" ", problems.Select(p => p.Message)), report.Revision, problems, changes);
                }
            }

            var row = answers.FirstOrDefault(a => a.QuestionKey == questionKey);
            if (row?.Value == value?.Storage)
            {
                return new(SaveOutcome.Saved, "Đã lưu.", report.Revision, [], changes);
            }

            var now = clock.GetUtcNow();
            var revision = report.Revision + 1;
            var old = row?.Value;
            if (value is null)
            {
                db.Answers.Remove(row!);
            }
            else
            {
                row ??= db.Answers.Add(new Answer { ReportId = report.Id, Version = report.WorkingVersion, QuestionKey = questionKey, Value = "", UpdatedBy = "" }).Entity;
                row.Value = value.Storage;
                row.Number = value.Number is { } n ? (double)n : null;
                row.Revision = revision;
                row.UpdatedAt = now;
                row.UpdatedBy = caller.Actor;
                row.UpdatedByPersonId = caller.PersonId;
            }

            report.Revision = revision;
            Audit.Record(db, now, caller, value is null ? "report.answer.cleared" : "report.answer.saved", "report", report.Id,
                new { question = questionKey, version = report.WorkingVersion, old, @new = value?.Storage });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException) when (attempt < WriteAttempts)
            {
                // Someone saved between our read and our write (the revision check failed): decide again on fresh data.
                continue;
            }

            return new(SaveOutcome.Saved, "Đã lưu.", revision, [], changes);
        }

        static SaveResult Result(SaveOutcome outcome, string message, int revision) => new(outcome, message, revision, [], []);
    }

    public async Task<SaveResult> SaveAnswerAsync(Caller caller, DraftSession draft, string questionKey, AnswerValue? value, CancellationToken ct = default)
    {
        var question = draft.Questions.FirstOrDefault(q => q.Key == questionKey);
        if (question is null || draft.Status != ReportStatus.Draft || !caller.CanFileFor(draft.Unit) || schedule.PhaseOf(draft.Period) == PeriodPhase.Locked)
        {
            // Every refusal is worded by the full path, which reads the report as stored.
            return await SaveAnswerAsync(caller, draft.ReportId, questionKey, value, draft.Revision, ct);
        }

        var stored = draft.Answers.GetValueOrDefault(questionKey);
        if (value is not null)
        {
            var current = draft.Answers.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal);
            var problems = FormValidator.CheckAnswer(draft.Form, question, value, current);
            if (problems.Any(p => p.Severity == ProblemSeverity.Error))
            {
                return new(SaveOutcome.Invalid, string.Join(" ", problems.Select(p => p.Message)), draft.Revision, problems, []);
            }
        }

        if (stored?.Value.Storage == value?.Storage)
        {
            return new(SaveOutcome.Saved, "Đã lưu.", draft.Revision, [], []);
        }

        var now = clock.GetUtcNow();
        var revision = draft.Revision + 1;
        await using (var db = await database.OpenAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await database.BeginWriteAsync(db, ct);
            // The conditional update is the whole concurrency check: it changes the row only if nobody saved since the draft was read.
            var claimed = await db.ExecuteAsync(
                "UPDATE reports SET \"Revision\" = @revision WHERE \"Id\" = @id AND \"Revision\" = @expected AND \"Status\" = 'Draft' AND \"WorkingVersion\" = @version",
                ct, ("revision", revision), ("id", draft.ReportId), ("expected", draft.Revision), ("version", draft.Version));
            if (claimed == 1)
            {
                if (value is null)
                {
                    await db.ExecuteAsync("DELETE FROM answers WHERE \"ReportId\" = @report AND \"Version\" = @version AND \"QuestionKey\" = @question",
                        ct, ("report", draft.ReportId), ("version", draft.Version), ("question", questionKey));
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
                        ct, ("report", draft.ReportId), ("version", draft.Version), ("question", questionKey), ("value", value.Storage),
                        ("number", value.Number is { } n ? (double)n : null), ("revision", revision), ("at", now.ToUnixTimeMilliseconds()),
                        ("by", caller.Actor), ("person", caller.PersonId));
                }

                await InsertAuditAsync(db, now, caller, value is null ? "report.answer.cleared" : "report.answer.saved", draft.ReportId,
                    new { question = questionKey, version = draft.Version, old = stored?.Value.Storage, @new = value?.Storage }, ct);
                await tx.CommitAsync(ct);
                return new(SaveOutcome.Saved, "Đã lưu.", revision, [], []);
            }
        }

        // Someone saved since the draft was read: the full path re-reads, tells what changed, and decides again.
        return await SaveAnswerAsync(caller, draft.ReportId, questionKey, value, draft.Revision, ct);
    }

    /// <summary>The audit row of <see cref="Audit.Record(ReportingDbContext, DateTimeOffset, Caller, string, string, object, object?)"/>, written with plain SQL.</summary>
    private static Task<int> InsertAuditAsync(ReportingDbContext db, DateTimeOffset at, Caller caller, string action, long reportId, object details,
        CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO audit_events ("At", "ActorPersonId", "Actor", "Action", "EntityType", "EntityId", "Details")
            VALUES (@at, @person, @actor, @action, 'report', @entity, @details)
            """,
            ct, ("at", at.ToUnixTimeMilliseconds()), ("person", caller.PersonId), ("actor", Audit.Actor(caller.Actor)), ("action", action),
            ("entity", reportId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("details", Audit.Details(details)));

    public async Task<ValidationResult> ValidateAsync(Caller caller, long reportId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var report = await FilingQueries.For(db).ReportWithUnitAsync(db, reportId, ct);
        if (report?.Unit is null || !caller.CanSee(report.Unit.ToInfo()))
        {
            throw new ReportingAccessDeniedException("Không tìm thấy báo cáo hoặc bạn không có quyền xem.");
        }

        return await ValidateAsync(db, report, report.Unit.ToInfo(), ct);
    }

    public async Task<SubmitResult> SubmitAsync(Caller caller, long reportId, int expectedRevision, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(db, ct);
            var report = await LockedReportAsync(db, reportId, ct);
            if (report?.Unit is null)
            {
                return new(SubmitOutcome.NotFound, "Không tìm thấy báo cáo.", null, null);
            }

            var unit = report.Unit.ToInfo();
            var period = Period.Parse(report.PeriodKey);
            if (!caller.CanFileFor(unit))
            {
                return new(SubmitOutcome.Denied, $"Bạn không phải đầu mối báo cáo của {unit.Name}.", null, null);
            }

            if (report.Status == ReportStatus.Submitted)
            {
                return new(SubmitOutcome.AlreadySubmitted, $"Báo cáo {period.Label} đã được nộp trước đó.", await LastReceiptAsync(db, report, unit, ct), null);
            }

            if (schedule.PhaseOf(period) == PeriodPhase.Locked)
            {
                return new(SubmitOutcome.Locked, $"Báo cáo {period.Label} đã khóa; không thể nộp.", null, null);
            }

            if (report.Revision != expectedRevision)
            {
                return new(SubmitOutcome.Conflict, "Báo cáo vừa có thay đổi từ người khác. Vui lòng xem lại trước khi nộp.", null, null);
            }

            var validation = await ValidateAsync(db, report, unit, ct);
            if (!validation.CanSubmit)
            {
                return NotSubmittable(validation);
            }

            var now = clock.GetUtcNow();
            var timeliness = schedule.TimelinessOf(period, now);
            report.Timeliness ??= timeliness;
            report.FirstSubmittedAt ??= now;
            report.LastSubmittedAt = now;
            report.SubmittedVersion = report.WorkingVersion;
            report.Status = ReportStatus.Submitted;
            report.Revision++;
            var reference = $"BC-{report.PeriodKey}-{unit.Code}-{report.WorkingVersion}";
            db.ReportSubmissions.Add(new ReportSubmission
            {
                ReportId = report.Id,
                Version = report.WorkingVersion,
                ReferenceNumber = reference,
                SubmittedAt = now,
                SubmittedBy = caller.Actor,
                SubmittedByPersonId = caller.PersonId,
                Timeliness = timeliness,
            });
            Audit.Record(db, now, caller, report.WorkingVersion == 1 ? "report.submitted" : "report.amended", "report", report.Id,
                new { version = report.WorkingVersion, reference, timeliness = timeliness.ToString() });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException) when (attempt < WriteAttempts)
            {
                continue;
            }

            return Submitted(new Receipt(reference, report.Id, unit.Code, unit.Name, period, report.WorkingVersion, now, report.Timeliness.Value), timeliness, validation);
        }
    }

    public ValidationResult Validate(DraftSession draft)
    {
        var values = draft.Answers.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal);
        var problems = FormValidator.CheckReport(draft.Form, draft.Questions, values, draft.Previous);
        return new(problems.Where(p => p.Severity == ProblemSeverity.Error).ToList(), problems.Where(p => p.Severity == ProblemSeverity.Warning).ToList());
    }

    public async Task<SubmitResult> SubmitAsync(Caller caller, DraftSession draft, CancellationToken ct = default)
    {
        if (draft.Status != ReportStatus.Draft || !caller.CanFileFor(draft.Unit) || schedule.PhaseOf(draft.Period) == PeriodPhase.Locked)
        {
            return await SubmitAsync(caller, draft.ReportId, draft.Revision, ct);
        }

        var validation = Validate(draft);
        if (!validation.CanSubmit)
        {
            return NotSubmittable(validation);
        }

        var now = clock.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        var timeliness = schedule.TimelinessOf(draft.Period, now);
        var reference = $"BC-{draft.Period.Key}-{draft.Unit.Code}-{draft.Version}";
        await using (var db = await database.OpenAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await database.BeginWriteAsync(db, ct);
            // One conditional update: the report must still be the draft this caller validated. The first submission decides timeliness.
            var stored = await db.ScalarAsync(
                """
                UPDATE reports SET "Status" = 'Submitted', "SubmittedVersion" = "WorkingVersion", "Revision" = "Revision" + 1,
                    "Timeliness" = COALESCE("Timeliness", @timeliness), "FirstSubmittedAt" = COALESCE("FirstSubmittedAt", @at), "LastSubmittedAt" = @at
                WHERE "Id" = @id AND "Revision" = @expected AND "Status" = 'Draft' AND "WorkingVersion" = @version
                RETURNING "Timeliness"
                """,
                ct, ("timeliness", timeliness.ToString()), ("at", at), ("id", draft.ReportId), ("expected", draft.Revision), ("version", draft.Version));
            if (stored is string reportTimeliness)
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO report_submissions ("ReportId", "Version", "ReferenceNumber", "SubmittedAt", "SubmittedBy", "SubmittedByPersonId", "Timeliness")
                    VALUES (@report, @version, @reference, @at, @by, @person, @timeliness)
                    """,
                    ct, ("report", draft.ReportId), ("version", draft.Version), ("reference", reference), ("at", at), ("by", caller.Actor),
                    ("person", caller.PersonId), ("timeliness", timeliness.ToString()));
                await InsertAuditAsync(db, now, caller, draft.Version == 1 ? "report.submitted" : "report.amended", draft.ReportId,
                    new { version = draft.Version, reference, timeliness = timeliness.ToString() }, ct);
                await tx.CommitAsync(ct);
                var receipt = new Receipt(reference, draft.ReportId, draft.Unit.Code, draft.Unit.Name, draft.Period, draft.Version, now,
                    Enum.Parse<Timeliness>(reportTimeliness));
                return Submitted(receipt, timeliness, validation);
            }
        }

        // The report changed since the draft was read (or was submitted meanwhile): the full path re-reads and explains.
        return await SubmitAsync(caller, draft.ReportId, draft.Revision, ct);
    }

    private static SubmitResult NotSubmittable(ValidationResult validation) =>
        new(SubmitOutcome.Invalid, "Chưa thể nộp: " + string.Join(" ", validation.Errors.Select(e => e.Message)), null, validation);

    private static SubmitResult Submitted(Receipt receipt, Timeliness timeliness, ValidationResult validation)
    {
        var when = Local(receipt.SubmittedAt);
        var lateNote = timeliness == Timeliness.Late ? " (nộp muộn)" : " (đúng hạn)";
        var message = receipt.Version == 1
            ? $"Đã nộp báo cáo {receipt.Period.Label} của {receipt.UnitName} lúc {when}{lateNote}. Số biên nhận: {receipt.ReferenceNumber}."
            : $"Đã nộp bản sửa đổi lần {receipt.Version - 1} báo cáo {receipt.Period.Label} của {receipt.UnitName} lúc {when}. Số biên nhận: {receipt.ReferenceNumber}.";
        return new(SubmitOutcome.Submitted, message, receipt, validation);
    }

    public async Task<AmendResult> AmendAsync(Caller caller, long reportId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await database.OpenAsync(ct);
            await using var tx = await database.BeginWriteAsync(db, ct);
            var report = await LockedReportAsync(db, reportId, ct);
            if (report?.Unit is null)
            {
                return new(AmendOutcome.NotFound, "Không tìm thấy báo cáo.", null);
            }

            var unit = report.Unit.ToInfo();
            var period = Period.Parse(report.PeriodKey);
            if (!caller.CanFileFor(unit))
            {
                return new(AmendOutcome.Denied, $"Bạn không phải đầu mối báo cáo của {unit.Name}.", null);
            }

            if (report.Status == ReportStatus.Draft)
            {
                return new(AmendOutcome.AlreadyDraft, $"Báo cáo {period.Label} đang ở dạng nháp; tiếp tục sửa và nộp.", await BuildSessionAsync(db, report, unit, ct));
            }

            if (schedule.PhaseOf(period) == PeriodPhase.Locked)
            {
                return new(AmendOutcome.Locked, $"Báo cáo {period.Label} đã khóa từ {Local(schedule.WindowOf(period).LocksAt)}; không thể sửa.", null);
            }

            var now = clock.GetUtcNow();
            var newVersion = report.SubmittedVersion + 1;
            var revision = report.Revision + 1;
            var submitted = await db.Answers.AsNoTracking().Where(a => a.ReportId == report.Id && a.Version == report.SubmittedVersion).ToListAsync(ct);
            foreach (var a in submitted)
            {
                db.Answers.Add(new Answer
                {
                    ReportId = report.Id,
                    Version = newVersion,
                    QuestionKey = a.QuestionKey,
                    Value = a.Value,
                    Number = a.Number,
                    Revision = a.Revision,
                    UpdatedAt = a.UpdatedAt,
                    UpdatedBy = a.UpdatedBy,
                    UpdatedByPersonId = a.UpdatedByPersonId,
                });
            }

            report.WorkingVersion = newVersion;
            report.Status = ReportStatus.Draft;
            report.Revision = revision;
            Audit.Record(db, now, caller, "report.amendment.opened", "report", report.Id, new { version = newVersion });
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException) when (attempt < WriteAttempts)
            {
                continue;
            }

            return new(AmendOutcome.Reopened, $"Đã mở bản sửa đổi báo cáo {period.Label}. Số liệu đã nộp vẫn được giữ cho tới khi bạn nộp lại.",
                await BuildSessionAsync(db, report, unit, ct));
        }
    }

    public async Task<IReadOnlyList<ReportSummary>> HistoryAsync(Caller caller, string unitCode, int limit = 12, CancellationToken ct = default)
    {
        var code = (unitCode ?? "").Trim();
        await using var db = await database.OpenAsync(ct);
        var unit = await db.Units.AsNoTracking().Include(u => u.Commune).FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null || !caller.CanSee(unit.ToInfo()))
        {
            throw new ReportingAccessDeniedException($"Không tìm thấy đơn vị {code} hoặc bạn không có quyền xem.");
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

    /// <summary>
    /// The report with its unit and commune, tracked, with its writers serialised for the rest of the transaction. SQLite
    /// already does that (one writer at a time); on PostgreSQL a row lock makes concurrent saves queue instead of failing
    /// their revision check.
    /// </summary>
    private async Task<Report?> LockedReportAsync(ReportingDbContext db, long reportId, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM reports WHERE \"Id\" = {reportId} FOR UPDATE", ct);
        }

        return await db.Reports.Include(r => r.Unit).ThenInclude(u => u!.Commune).FirstOrDefaultAsync(r => r.Id == reportId, ct);
    }

    private FormDefinition FormOf(Report report) =>
        forms.Find(report.FormId, report.FormVersion)
        ?? throw new InvalidOperationException($"Form {report.FormId} v{report.FormVersion} of report {report.Id} is not in the catalog.");

    private static AnswerValue ValueOf(FormDefinition form, Answer answer) =>
        AnswerValue.FromStorage(form.Question(answer.QuestionKey)?.Type ?? QuestionType.Text, answer.Value);

    private static AnswerChange Change(FormDefinition form, Answer a)
    {
        var question = form.Question(a.QuestionKey);
        return new(a.QuestionKey, question?.Text ?? a.QuestionKey, question is null ? a.Value : ValueOf(form, a).Display(question), a.UpdatedBy, a.UpdatedAt);
    }

    private async Task<ValidationResult> ValidateAsync(ReportingDbContext db, Report report, UnitInfo unit, CancellationToken ct)
    {
        var form = FormOf(report);
        var answers = await FilingQueries.For(db).AnswersAsync(db, report.Id, report.WorkingVersion, ct);
        var values = answers.ToDictionary(a => a.QuestionKey, a => ValueOf(form, a), StringComparer.Ordinal);
        var previous = await PreviousSubmittedAsync(db, report, form, ct);
        var problems = FormValidator.CheckReport(form, form.QuestionsFor(unit.Profile), values, previous);
        return new(problems.Where(p => p.Severity == ProblemSeverity.Error).ToList(), problems.Where(p => p.Severity == ProblemSeverity.Warning).ToList());
    }

    /// <summary>The unit's latest submitted values from an earlier period of the same kind (read with this report's form).</summary>
    private static async Task<Dictionary<string, AnswerValue>> PreviousSubmittedAsync(ReportingDbContext db, Report report, FormDefinition form, CancellationToken ct)
    {
        var previous = await FilingQueries.For(db).PreviousSubmittedAsync(db, report.UnitId, report.PeriodKind, report.PeriodKey, ct);
        if (previous is null)
        {
            return [];
        }

        var answers = await FilingQueries.For(db).AnswersAsync(db, previous.Id, previous.SubmittedVersion, ct);
        return answers
            .Where(a => form.Question(a.QuestionKey) is not null)
            .ToDictionary(a => a.QuestionKey, a => ValueOf(form, a), StringComparer.Ordinal);
    }

    /// <param name="created">The report was created in this unit of work: it has no answers or receipts to read.</param>
    private async Task<DraftSession> BuildSessionAsync(ReportingDbContext db, Report report, UnitInfo unit, CancellationToken ct, bool created = false)
    {
        var form = FormOf(report);
        var period = Period.Parse(report.PeriodKey);
        var answers = created ? [] : await FilingQueries.For(db).AnswersAsync(db, report.Id, report.WorkingVersion, ct);
        var stored = answers.ToDictionary(
            a => a.QuestionKey,
            a => new StoredAnswer(a.QuestionKey, ValueOf(form, a), a.UpdatedAt, a.UpdatedBy, a.Revision),
            StringComparer.Ordinal);
        var previous = await PreviousSubmittedAsync(db, report, form, ct);
        var carried = form.Questions.Where(q => q.CarryOver && previous.ContainsKey(q.Key))
            .ToDictionary(q => q.Key, q => previous[q.Key], StringComparer.Ordinal);
        var receipt = created ? null : await LastReceiptAsync(db, report, unit, ct);
        return new DraftSession(report.Id, unit, period, schedule.WindowOf(period), form, report.Status, report.WorkingVersion, report.Revision,
            form.QuestionsFor(unit.Profile), stored, carried, schedule.TimelinessOf(period, clock.GetUtcNow()), receipt)
        {
            Previous = previous,
        };
    }

    private static async Task<Receipt?> LastReceiptAsync(ReportingDbContext db, Report report, UnitInfo unit, CancellationToken ct)
    {
        var last = await FilingQueries.For(db).LastSubmissionAsync(db, report.Id, ct);
        return last is null
            ? null
            : new Receipt(last.ReferenceNumber, report.Id, unit.Code, unit.Name, Period.Parse(report.PeriodKey), last.Version, last.SubmittedAt,
                report.Timeliness ?? last.Timeliness);
    }

    /// <summary>An instant as Vietnamese local date and time ("19/11/2025 23:59").</summary>
    internal static string Local(DateTimeOffset instant) =>
        VietnamTime.ToLocal(instant).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
