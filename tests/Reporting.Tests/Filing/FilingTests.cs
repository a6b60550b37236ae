using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Filing;

public abstract class FilingTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    private static readonly Period November = Period.Month(2025, 11);

    [DbFact]
    public async Task Opening_creates_a_draft_with_the_questions_that_apply_to_the_unit()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "MN-A1");

        var open = await World.Filing.OpenAsync(focal, "MN-A1", November);

        Assert.Equal(OpenOutcome.Created, open.Outcome);
        var session = open.Session!;
        Assert.Equal(("monthly", 1), (session.Form.Id, session.Form.Version));
        Assert.DoesNotContain(session.Questions, q => q.Key is "hs_tong" or "hoc_lieu_so" or "hoc_ba_so");
        Assert.Contains(session.Questions, q => q.Key == "gv_tong");
        Assert.Equal("ke_hoach_cds", session.NextUnanswered!.Key);
        Assert.Equal(Timeliness.OnTime, session.TimelinessIfSubmittedNow);

        var again = await World.Filing.OpenAsync(focal, "MN-A1", November);
        Assert.Equal(OpenOutcome.Resumed, again.Outcome);
        Assert.Equal(session.ReportId, again.Session!.ReportId);
    }

    [DbFact]
    public async Task Focal_points_opening_at_the_same_moment_share_one_report_created_once()
    {
        await World.WithSmallDirectoryAsync();
        var focals = new List<Caller>();
        for (var i = 0; i < 6; i++)
        {
            focals.Add(await World.BindAsync(Role.FocalPoint, "THPT-1"));
        }

        var opened = await Task.WhenAll(focals.Select(f => Task.Run(() => World.Filing.OpenAsync(f, "THPT-1", November))));

        Assert.All(opened, o => Assert.True(o.Outcome is OpenOutcome.Created or OpenOutcome.Resumed, o.Outcome.ToString()));
        Assert.Single(opened.Select(o => o.Session!.ReportId).Distinct());
        Assert.Equal(1, opened.Count(o => o.Outcome == OpenOutcome.Created));
        await using var db = World.Database.CreateDbContext();
        var report = await db.Reports.SingleAsync();
        Assert.Equal((ReportStatus.Draft, 1, 0, 0), (report.Status, report.WorkingVersion, report.SubmittedVersion, report.Revision));
        Assert.Equal(("monthly", "2025-11", World.Clock.GetUtcNow()), (report.FormId, report.PeriodKey, report.CreatedAt));
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "report.created");
        Assert.Equal(report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
        Assert.Contains("THPT-1", audit.Details);
    }

    [DbFact]
    public async Task A_saved_answer_is_kept_with_who_and_when_and_audited()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var session = (await World.Filing.OpenAsync(focal, "TH-A1", November)).Session!;

        var saved = await World.Filing.SaveAnswerAsync(focal, session.ReportId, "cb_tong", new IntegerAnswer(45), session.Revision);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.Equal(session.Revision + 1, saved.Revision);
        var reread = (await World.Filing.GetAsync(focal, session.ReportId))!;
        var answer = reread.Answers["cb_tong"];
        Assert.Equal(new IntegerAnswer(45), answer.Value);
        Assert.Equal(focal.Actor, answer.UpdatedBy);
        Assert.Equal(World.Clock.GetUtcNow().ToUnixTimeMilliseconds(), answer.UpdatedAt.ToUnixTimeMilliseconds());
        await using var db = World.Database.CreateDbContext();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "report.answer.saved");
        Assert.Equal(focal.PersonId, audit.ActorPersonId);
        Assert.Contains("\"new\":\"45\"", audit.Details);
    }

    [DbFact]
    public async Task Saving_to_a_held_draft_writes_the_answer_the_revision_and_the_audit()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var draft = (await World.Filing.OpenAsync(focal, "TH-A1", November)).Session!;

        var first = await World.Filing.SaveAnswerAsync(focal, draft, "cb_tong", new IntegerAnswer(45));
        var held = (await World.Filing.GetAsync(focal, draft.ReportId))!;
        var second = await World.Filing.SaveAnswerAsync(focal, held, "cb_tong", new IntegerAnswer(46));

        Assert.Equal((SaveOutcome.Saved, draft.Revision + 1), (first.Outcome, first.Revision));
        Assert.Equal((SaveOutcome.Saved, draft.Revision + 2), (second.Outcome, second.Revision));
        var reread = (await World.Filing.GetAsync(focal, draft.ReportId))!;
        Assert.Equal(second.Revision, reread.Revision);
        Assert.Equal(new IntegerAnswer(46), reread.Answers["cb_tong"].Value);
        Assert.Equal((focal.Actor, second.Revision), (reread.Answers["cb_tong"].UpdatedBy, reread.Answers["cb_tong"].Revision));
        Assert.Equal(World.Clock.GetUtcNow().ToUnixTimeMilliseconds(), reread.Answers["cb_tong"].UpdatedAt.ToUnixTimeMilliseconds());
        await using var db = World.Database.CreateDbContext();
        var audits = await db.AuditEvents.Where(a => a.Action == "report.answer.saved").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal((focal.PersonId, focal.Actor, draft.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (a.ActorPersonId, a.Actor, a.EntityId)));
        Assert.Contains("\"old\":\"45\"", audits[1].Details);
        Assert.Contains("\"new\":\"46\"", audits[1].Details);
    }

    [DbFact]
    public async Task Saving_to_a_stale_draft_falls_back_and_tells_what_the_other_writer_changed()
    {
        await World.WithSmallDirectoryAsync();
        var first = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var second = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var draft = (await World.Filing.OpenAsync(first, "THPT-1", November)).Session!;
        await World.Filing.SaveAnswerAsync(second, draft, "ke_hoach_cds", new YesNoAnswer(true));

        var other = await World.Filing.SaveAnswerAsync(first, draft, "lan_dat_chuan", new YesNoAnswer(false));
        var same = await World.Filing.SaveAnswerAsync(first, draft, "ke_hoach_cds", new YesNoAnswer(false));

        Assert.Equal(SaveOutcome.Saved, other.Outcome);
        Assert.Equal("ke_hoach_cds", Assert.Single(other.ChangedByOthers).QuestionKey);
        Assert.Equal(SaveOutcome.Conflict, same.Outcome);
        var reread = (await World.Filing.GetAsync(first, draft.ReportId))!;
        Assert.Equal(new YesNoAnswer(true), reread.Answers["ke_hoach_cds"].Value);
        Assert.Equal(new YesNoAnswer(false), reread.Answers["lan_dat_chuan"].Value);
        Assert.Equal(draft.Revision + 2, reread.Revision);
    }

    [DbFact]
    public async Task Saving_to_a_held_draft_refuses_bad_values_and_clears_with_null()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var draft = (await World.Filing.OpenAsync(focal, "TH-A1", November)).Session!;
        var total = await World.Filing.SaveAnswerAsync(focal, draft, "cb_tong", new IntegerAnswer(40));
        var held = (await World.Filing.GetAsync(focal, draft.ReportId))!;

        var tooMany = await World.Filing.SaveAnswerAsync(focal, held, "cb_ky_nang_so", new IntegerAnswer(41));
        var unknown = await World.Filing.SaveAnswerAsync(focal, held, "khong_co", new IntegerAnswer(1));
        var cleared = await World.Filing.SaveAnswerAsync(focal, held, "cb_tong", null);

        Assert.Equal(SaveOutcome.Invalid, tooMany.Outcome);
        Assert.Equal(SaveOutcome.UnknownQuestion, unknown.Outcome);
        Assert.Equal((SaveOutcome.Saved, total.Revision + 1), (cleared.Outcome, cleared.Revision));
        var reread = (await World.Filing.GetAsync(focal, draft.ReportId))!;
        Assert.Empty(reread.Answers);
        await using var db = World.Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "report.answer.cleared"));
    }

    [DbFact]
    public async Task Saving_to_a_held_draft_after_submission_or_by_another_unit_is_refused()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "THCS-A1");
        var stranger = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var draft = (await World.Filing.OpenAsync(focal, "THCS-A1", November)).Session!;

        var denied = await World.Filing.SaveAnswerAsync(stranger, draft, "cb_tong", new IntegerAnswer(10));
        await World.FileAsync(focal, "THCS-A1", November);
        var late = await World.Filing.SaveAnswerAsync(focal, draft, "cb_tong", new IntegerAnswer(10));

        Assert.Equal(SaveOutcome.Denied, denied.Outcome);
        Assert.Equal(SaveOutcome.NotEditable, late.Outcome);
        var reread = (await World.Filing.GetAsync(focal, draft.ReportId))!;
        Assert.NotEqual(new IntegerAnswer(10), reread.Answers["cb_tong"].Value);
    }

    [DbFact]
    public async Task An_invalid_answer_is_refused_and_nothing_changes()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var session = (await World.Filing.OpenAsync(focal, "TH-A1", November)).Session!;
        var total = await World.Filing.SaveAnswerAsync(focal, session.ReportId, "cb_tong", new IntegerAnswer(40), session.Revision);

        var tooMany = await World.Filing.SaveAnswerAsync(focal, session.ReportId, "cb_ky_nang_so", new IntegerAnswer(41), total.Revision);
        var notAQuestion = await World.Filing.SaveAnswerAsync(focal, session.ReportId, "hs_tong", new IntegerAnswer(100), total.Revision);

        Assert.Equal(SaveOutcome.Invalid, tooMany.Outcome);
        Assert.Contains(tooMany.Problems, p => p.Message.Contains("không thể lớn hơn", StringComparison.Ordinal));
        Assert.Equal(SaveOutcome.UnknownQuestion, notAQuestion.Outcome);
        var reread = (await World.Filing.GetAsync(focal, session.ReportId))!;
        Assert.Equal(total.Revision, reread.Revision);
        Assert.False(reread.Answers.ContainsKey("cb_ky_nang_so"));
    }

    [DbFact]
    public async Task A_stale_save_of_the_same_question_is_a_conflict_that_tells_what_changed()
    {
        await World.WithSmallDirectoryAsync();
        var first = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var second = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var seenByBoth = (await World.Filing.OpenAsync(first, "TH-A1", November)).Session!;

        var theirs = await World.Filing.SaveAnswerAsync(first, seenByBoth.ReportId, "cb_tong", new IntegerAnswer(45), seenByBoth.Revision);
        var mine = await World.Filing.SaveAnswerAsync(second, seenByBoth.ReportId, "cb_tong", new IntegerAnswer(50), seenByBoth.Revision);

        Assert.Equal(SaveOutcome.Saved, theirs.Outcome);
        Assert.Equal(SaveOutcome.Conflict, mine.Outcome);
        var change = Assert.Single(mine.ChangedByOthers);
        // The other person by name, never by chat id.
        Assert.Equal(("cb_tong", "45", first.DisplayName), (change.QuestionKey, change.NewValue, change.ChangedBy));
        Assert.NotEqual(first.Actor, change.ChangedBy);
        Assert.Equal(new IntegerAnswer(45), (await World.Filing.GetAsync(second, seenByBoth.ReportId))!.Answers["cb_tong"].Value);

        var retried = await World.Filing.SaveAnswerAsync(second, seenByBoth.ReportId, "cb_tong", new IntegerAnswer(50), mine.Revision);
        Assert.Equal(SaveOutcome.Saved, retried.Outcome);
    }

    [DbFact]
    public async Task A_stale_save_of_another_question_is_saved_and_reports_the_other_change()
    {
        await World.WithSmallDirectoryAsync();
        var first = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var second = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var session = (await World.Filing.OpenAsync(first, "TH-A1", November)).Session!;

        await World.Filing.SaveAnswerAsync(first, session.ReportId, "ke_hoach_cds", new YesNoAnswer(true), session.Revision);
        var mine = await World.Filing.SaveAnswerAsync(second, session.ReportId, "lan_dat_chuan", new YesNoAnswer(false), session.Revision);

        Assert.Equal(SaveOutcome.Saved, mine.Outcome);
        Assert.Equal("ke_hoach_cds", Assert.Single(mine.ChangedByOthers).QuestionKey);
        Assert.Equal(2, (await World.Filing.GetAsync(first, session.ReportId))!.Answers.Count);
    }

    [DbFact]
    public async Task Concurrent_saves_from_two_focal_points_are_all_kept()
    {
        await World.WithSmallDirectoryAsync();
        var first = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var second = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var session = (await World.Filing.OpenAsync(first, "THPT-1", November)).Session!;
        var answers = ReportingWorld.GoodAnswers();
        var keys = session.Questions.Where(q => answers.ContainsKey(q.Key)).Select(q => q.Key).ToList();

        var results = await Task.WhenAll(keys.Select((key, i) =>
            World.Filing.SaveAnswerAsync(i % 2 == 0 ? first : second, session.ReportId, key, answers[key], session.Revision)));

        // Every answer is valid and each writer saves a different question: every save must succeed and be kept.
        Assert.All(results, r => Assert.True(r.Outcome == SaveOutcome.Saved, r.Outcome.ToString()));
        var reread = (await World.Filing.GetAsync(first, session.ReportId))!;
        Assert.Equal(keys.Count, reread.Answers.Count);
        Assert.Equal(keys.Count, reread.Revision);
        Assert.All(keys, key => Assert.Equal(answers[key], reread.Answers[key].Value));
    }

    [DbFact]
    public async Task Submitting_gives_a_receipt_and_marks_it_on_time()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "THCS-A1");

        var receipt = await World.FileAsync(focal, "THCS-A1", November);

        Assert.Equal("BC-2025-11-THCS-A1-1", receipt.ReferenceNumber);
        Assert.Equal(Timeliness.OnTime, receipt.Timeliness);
        Assert.Equal(1, receipt.Version);
        var session = (await World.Filing.OpenAsync(focal, "THCS-A1", November)).Session!;
        Assert.Equal(ReportStatus.Submitted, session.Status);
        var refused = await World.Filing.SaveAnswerAsync(focal, session.ReportId, "cb_tong", new IntegerAnswer(41), session.Revision);
        Assert.Equal(SaveOutcome.NotEditable, refused.Outcome);
    }

    [DbFact]
    public async Task A_report_with_missing_answers_cannot_be_submitted()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var session = (await World.Filing.OpenAsync(focal, "TH-A1", November)).Session!;
        var saved = await World.Filing.SaveAnswerAsync(focal, session.ReportId, "cb_tong", new IntegerAnswer(40), session.Revision);

        var result = await World.Filing.SubmitAsync(focal, session.ReportId, saved.Revision);

        Assert.Equal(SubmitOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Validation!.Errors, e => e.QuestionKey == "ke_hoach_cds");
        Assert.DoesNotContain(result.Validation.Errors, e => e.QuestionKey == "kho_khan");
        Assert.Equal(ReportStatus.Draft, (await World.Filing.GetAsync(focal, session.ReportId))!.Status);
    }

    [DbFact]
    public async Task Filing_after_the_due_date_is_late_and_after_the_lock_is_refused()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        World.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 20, 0, 0, 1, VietnamTime.Offset));

        var late = await World.FileAsync(focal, "TH-A1", November);
        Assert.Equal(Timeliness.Late, late.Timeliness);

        World.Clock.SetUtcNow(new DateTimeOffset(2025, 12, 20, 0, 0, 0, VietnamTime.Offset));
        var locked = await World.Filing.OpenAsync(focal, "MN-A1", November);
        Assert.Equal(OpenOutcome.Denied, locked.Outcome); // not this person's unit: checked before the lock

        var amend = await World.Filing.AmendAsync(focal, late.ReportId);
        Assert.Equal(AmendOutcome.Locked, amend.Outcome);
        var other = await World.BindAsync(Role.FocalPoint, "MN-A1");
        Assert.Equal(OpenOutcome.Locked, (await World.Filing.OpenAsync(other, "MN-A1", November)).Outcome);
    }

    [DbFact]
    public async Task A_period_that_has_not_opened_cannot_be_filed()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");

        var open = await World.Filing.OpenAsync(focal, "TH-A1", Period.Month(2026, 1));

        Assert.Equal(OpenOutcome.NotOpenYet, open.Outcome);
        Assert.Null(open.Session);
    }

    [DbFact]
    public async Task Totals_carry_over_from_the_previous_submitted_month()
    {
        StartAt(new DateTimeOffset(2025, 10, 5, 9, 0, 0, VietnamTime.Offset));
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "THPT-1");
        await World.FileAsync(focal, "THPT-1", Period.Month(2025, 10), ReportingWorld.GoodAnswers(("cb_tong", new IntegerAnswer(77)), ("hs_tong", new IntegerAnswer(900))));
        World.Clock.SetUtcNow(ReportingWorld.DefaultNow);

        var session = (await World.Filing.OpenAsync(focal, "THPT-1", November)).Session!;

        Assert.Equal(new IntegerAnswer(77), session.CarriedOver["cb_tong"]);
        Assert.Equal(new IntegerAnswer(900), session.CarriedOver["hs_tong"]);
        Assert.Equal(new IntegerAnswer(30), session.CarriedOver["gv_tong"]);
        Assert.False(session.CarriedOver.ContainsKey("cb_ky_nang_so"));
    }

    [DbFact]
    public async Task A_big_change_against_last_month_is_warned_about_but_does_not_block()
    {
        StartAt(new DateTimeOffset(2025, 10, 5, 9, 0, 0, VietnamTime.Offset));
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        await World.FileAsync(focal, "TH-A1", Period.Month(2025, 10));
        World.Clock.SetUtcNow(ReportingWorld.DefaultNow);
        var open = await World.Filing.OpenAsync(focal, "TH-A1", November);
        var answers = ReportingWorld.GoodAnswers(("gv_tong", new IntegerAnswer(60)));
        var revision = open.Session!.Revision;
        foreach (var q in open.Session.Questions.Where(q => answers.ContainsKey(q.Key)))
        {
            revision = (await World.Filing.SaveAnswerAsync(focal, open.Session.ReportId, q.Key, answers[q.Key], revision)).Revision;
        }

        var validation = await World.Filing.ValidateAsync(focal, open.Session.ReportId);
        var submitted = await World.Filing.SubmitAsync(focal, open.Session.ReportId, revision);

        Assert.True(validation.CanSubmit);
        Assert.Equal("gv_tong", Assert.Single(validation.Warnings).QuestionKey);
        Assert.Equal(SubmitOutcome.Submitted, submitted.Outcome);
    }

    [DbFact]
    public async Task Amending_makes_a_new_version_keeps_the_first_timeliness_and_is_audited()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var first = await World.FileAsync(focal, "TH-A1", November);
        World.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 25, 9, 0, 0, VietnamTime.Offset));

        var amend = await World.Filing.AmendAsync(focal, first.ReportId);
        Assert.Equal(AmendOutcome.Reopened, amend.Outcome);
        Assert.Equal(2, amend.Session!.Version);
        Assert.Equal(new IntegerAnswer(40), amend.Session.Answers["cb_tong"].Value);
        var saved = await World.Filing.SaveAnswerAsync(focal, first.ReportId, "cb_tong", new IntegerAnswer(42), amend.Session.Revision);
        var resubmitted = await World.Filing.SubmitAsync(focal, first.ReportId, saved.Revision);

        Assert.Equal(SubmitOutcome.Submitted, resubmitted.Outcome);
        Assert.Equal("BC-2025-11-TH-A1-2", resubmitted.Receipt!.ReferenceNumber);
        Assert.Equal(Timeliness.OnTime, resubmitted.Receipt.Timeliness);
        await using var db = World.Database.CreateDbContext();
        var actions = await db.AuditEvents.Where(a => a.EntityType == "report").Select(a => a.Action).ToListAsync();
        Assert.Contains("report.submitted", actions);
        Assert.Contains("report.amendment.opened", actions);
        Assert.Contains("report.amended", actions);
        var submissions = await db.ReportSubmissions.Where(s => s.ReportId == first.ReportId).OrderBy(s => s.Version).ToListAsync();
        Assert.Equal([Timeliness.OnTime, Timeliness.Late], submissions.Select(s => s.Timeliness));
        Assert.Equal(2, await db.Answers.Where(a => a.ReportId == first.ReportId && a.QuestionKey == "cb_tong").CountAsync());
    }

    [DbFact]
    public async Task Submitting_a_held_draft_gives_the_receipt_and_amending_it_keeps_the_first_timeliness()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var draft = await AnswerAllAsync(focal, "TH-A1");

        var submitted = await World.Filing.SubmitAsync(focal, draft);
        World.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 25, 9, 0, 0, VietnamTime.Offset));
        var amendment = (await World.Filing.AmendAsync(focal, draft.ReportId)).Session!;
        var saved = await World.Filing.SaveAnswerAsync(focal, amendment, "cb_tong", new IntegerAnswer(42));
        var resubmitted = await World.Filing.SubmitAsync(focal, (await World.Filing.GetAsync(focal, draft.ReportId))!);

        Assert.Equal(SubmitOutcome.Submitted, submitted.Outcome);
        Assert.Equal(("BC-2025-11-TH-A1-1", Timeliness.OnTime, 1), (submitted.Receipt!.ReferenceNumber, submitted.Receipt.Timeliness, submitted.Receipt.Version));
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.Equal(SubmitOutcome.Submitted, resubmitted.Outcome);
        Assert.Equal(("BC-2025-11-TH-A1-2", Timeliness.OnTime, 2), (resubmitted.Receipt!.ReferenceNumber, resubmitted.Receipt.Timeliness, resubmitted.Receipt.Version));
        var reread = (await World.Filing.GetAsync(focal, draft.ReportId))!;
        Assert.Equal((ReportStatus.Submitted, 2), (reread.Status, reread.Version));
        Assert.Equal("BC-2025-11-TH-A1-2", reread.LastReceipt!.ReferenceNumber);
        await using var db = World.Database.CreateDbContext();
        var report = await db.Reports.SingleAsync(r => r.Id == draft.ReportId);
        Assert.Equal((2, Timeliness.OnTime), (report.SubmittedVersion, report.Timeliness));
        Assert.True(report.FirstSubmittedAt < report.LastSubmittedAt);
        var submissions = await db.ReportSubmissions.Where(s => s.ReportId == draft.ReportId).OrderBy(s => s.Version).ToListAsync();
        Assert.Equal([Timeliness.OnTime, Timeliness.Late], submissions.Select(s => s.Timeliness));
        Assert.All(submissions, s => Assert.Equal((focal.Actor, focal.PersonId), (s.SubmittedBy, s.SubmittedByPersonId)));
        var actions = await db.AuditEvents.Where(a => a.EntityType == "report").Select(a => a.Action).ToListAsync();
        Assert.Contains("report.submitted", actions);
        Assert.Contains("report.amended", actions);
    }

    [DbFact]
    public async Task Submitting_a_stale_or_incomplete_held_draft_submits_nothing()
    {
        await World.WithSmallDirectoryAsync();
        var first = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var second = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var incomplete = (await World.Filing.OpenAsync(first, "THPT-1", November)).Session!;
        var invalid = await World.Filing.SubmitAsync(first, incomplete);
        var complete = await AnswerAllAsync(first, "THPT-1");
        await World.Filing.SaveAnswerAsync(second, complete, "cb_tong", new IntegerAnswer(99));

        var stale = await World.Filing.SubmitAsync(first, complete);

        Assert.Equal(SubmitOutcome.Invalid, invalid.Outcome);
        Assert.NotEmpty(invalid.Validation!.Errors);
        Assert.Equal(SubmitOutcome.Conflict, stale.Outcome);
        Assert.Null(stale.Receipt);
        var reread = (await World.Filing.GetAsync(first, complete.ReportId))!;
        Assert.Equal(ReportStatus.Draft, reread.Status);
        await using var db = World.Database.CreateDbContext();
        Assert.Equal(0, await db.ReportSubmissions.CountAsync());
    }

    [DbFact]
    public async Task Validating_a_held_draft_gives_what_validating_the_stored_report_gives()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        await World.FileAsync(focal, "TH-A1", Period.Month(2025, 10));
        var draft = await AnswerAllAsync(focal, "TH-A1", ("gv_tong", new IntegerAnswer(90)));
        var partial = (await World.Filing.GetAsync(focal, draft.ReportId))! with { Answers = new Dictionary<string, StoredAnswer>() };

        var held = World.Filing.Validate(draft);
        var stored = await World.Filing.ValidateAsync(focal, draft.ReportId);

        Assert.Equal(stored.Errors.Select(e => e.QuestionKey), held.Errors.Select(e => e.QuestionKey));
        Assert.Equal(stored.Warnings.Select(w => (w.QuestionKey, w.Message)), held.Warnings.Select(w => (w.QuestionKey, w.Message)));
        Assert.Contains(held.Warnings, w => w.QuestionKey == "gv_tong");
        Assert.False(World.Filing.Validate(partial).CanSubmit);
    }

    /// <summary>Opens the November report and answers every question through held drafts; returns the draft as stored.</summary>
    private async Task<DraftSession> AnswerAllAsync(Caller focal, string unitCode, params (string Key, AnswerValue Value)[] overrides)
    {
        var draft = (await World.Filing.OpenAsync(focal, unitCode, November)).Session!;
        var values = ReportingWorld.GoodAnswers(overrides);
        foreach (var question in draft.Questions.Where(q => values.ContainsKey(q.Key)))
        {
            var saved = await World.Filing.SaveAnswerAsync(focal, draft, question.Key, values[question.Key]);
            Assert.True(saved.Outcome == SaveOutcome.Saved, $"{question.Key}: {saved.Outcome}");
            draft = (await World.Filing.GetAsync(focal, draft.ReportId))!;
        }

        return draft;
    }

    [DbFact]
    public async Task A_focal_point_cannot_file_or_read_another_units_report()
    {
        await World.WithSmallDirectoryAsync();
        var mine = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var theirs = await World.BindAsync(Role.FocalPoint, "MN-A1");
        var session = (await World.Filing.OpenAsync(theirs, "MN-A1", November)).Session!;

        Assert.Equal(OpenOutcome.Denied, (await World.Filing.OpenAsync(mine, "MN-A1", November)).Outcome);
        Assert.Equal(SaveOutcome.Denied, (await World.Filing.SaveAnswerAsync(mine, session.ReportId, "cb_tong", new IntegerAnswer(1), session.Revision)).Outcome);
        Assert.Null(await World.Filing.GetAsync(mine, session.ReportId));
        Assert.Equal(OpenOutcome.Denied, (await World.Filing.OpenAsync(Reporting.Directory.Caller.Anonymous("web:x"), "MN-A1", November)).Outcome);
        Assert.Equal(OpenOutcome.UnknownUnit, (await World.Filing.OpenAsync(mine, "KHONG-CO", November)).Outcome);
    }

    [DbFact]
    public async Task History_lists_the_units_reports_newest_first()
    {
        StartAt(new DateTimeOffset(2025, 10, 5, 9, 0, 0, VietnamTime.Offset));
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        await World.FileAsync(focal, "TH-A1", Period.Month(2025, 10));
        World.Clock.SetUtcNow(ReportingWorld.DefaultNow);
        await World.Filing.OpenAsync(focal, "TH-A1", November);

        var history = await World.Filing.HistoryAsync(focal, "TH-A1");

        Assert.Equal(["2025-11", "2025-10"], history.Select(h => h.Period.Key));
        Assert.Equal(ReportStatus.Draft, history[0].Status);
        Assert.Equal("BC-2025-10-TH-A1-1", history[1].ReferenceNumber);
    }
}

public sealed class FilingTests_on_Sqlite(SqliteFixture fixture) : FilingTests(fixture), IClassFixture<SqliteFixture>;

public sealed class FilingTests_on_Postgres(PostgresFixture fixture) : FilingTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
