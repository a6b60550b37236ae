using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Forms.Input;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// The step-by-step monthly report in chat: one question at a time, every answer saved as it is given, a summary with
/// derived figures, submission with a receipt, amendment after submission. Only a unit's focal point may file: the
/// check is here (and again inside the filing service), so a plugin calling these methods gets the same protection.
/// </summary>
internal sealed class FilingDialogue(
    IFilingService filing,
    IReportingSchedule schedule,
    TimeProvider clock,
    ISideQuestions sideQuestions,
    DraftCache drafts)
{
    /// <summary>After this many unreadable answers in a row, offer to skip or pause.</summary>
    public const int MissesBeforeOffer = 3;

    private const string NotAFocalPoint =
        "Chỉ đầu mối CĐS đã đăng ký của đơn vị mới nộp được báo cáo. Nếu bạn là đầu mối, hãy đăng ký bằng /dangky <mã mời> do quản trị viên cấp.";

    /// <summary>Starts or resumes filing: from /baocao, its button, or plain words ("nộp báo cáo tháng 11").</summary>
    public async Task<DialogueResult> StartAsync(Caller caller, ConversationState state, string conversationKey, string text, CancellationToken ct) =>
        Remember(conversationKey, await OpenAsync(caller, state, text, ct).ConfigureAwait(false));

    private async Task<DialogueResult> OpenAsync(Caller caller, ConversationState state, string text, CancellationToken ct)
    {
        if (caller.FilingUnits.Count == 0)
        {
            return DialogueResult.Of(state, new Reply(NotAFocalPoint));
        }

        var previous = state.Filing;
        var unit = caller.FilingUnits.FirstOrDefault(u => u.Code == previous?.UnitCode) ?? caller.FilingUnits[0];
        var mentioned = PeriodPhrases.Find(text, schedule.CurrentPeriod(PeriodKind.Monthly));
        var period = mentioned
            ?? (previous is not null && Period.TryParse(previous.PeriodKey, out var remembered) ? remembered : schedule.CurrentPeriod(PeriodKind.Monthly));

        var opened = await filing.OpenAsync(caller, unit.Code, period, ct).ConfigureAwait(false);
        switch (opened.Outcome)
        {
            case OpenOutcome.Created or OpenOutcome.Resumed when opened.Session is { } session:
                var resumeAt = previous is not null && previous.ReportId == session.ReportId ? previous : null;
                var index = resumeAt is not null
                    ? Math.Clamp(resumeAt.Step == FilingStep.Summary ? session.Questions.Count : resumeAt.Index, 0, session.Questions.Count)
                    : FirstOpenIndex(session);
                var filingState = new FilingState(session.ReportId, session.Period.Key, session.Unit.Code, FilingStep.Question, index, session.Revision);
                var opening = FilingTexts.Opening(session, VietnamTime.Today(clock), resumed: opened.Outcome == OpenOutcome.Resumed);
                return await ShowAsync(caller, session, filingState, opening, ct).ConfigureAwait(false);

            case OpenOutcome.AlreadySubmitted when opened.Session is { } submitted:
                var offer = new FilingState(submitted.ReportId, submitted.Period.Key, submitted.Unit.Code, FilingStep.OfferAmend, 0, submitted.Revision);
                var receipt = submitted.LastReceipt is { } r ? $"\nSố tham chiếu: {r.ReferenceNumber}." : string.Empty;
                return DialogueResult.Of(state with { Filing = offer }, new Reply(
                    $"Báo cáo {submitted.Period.Label} của {submitted.Unit.Name} đã được nộp.{receipt}\nBạn có muốn sửa báo cáo không? Mỗi lần sửa là một phiên bản mới, có ghi nhật ký.",
                    [[new ReplyButton("Sửa báo cáo", FilingButtons.Amend), new ReplyButton("Không", FilingButtons.Close)]]));

            default:
                return DialogueResult.Of(state with { Filing = null }, new Reply(opened.Message));
        }
    }

    /// <summary>Reopens a submitted report as a new version and shows its summary ("sửa N" to change an answer).</summary>
    public async Task<DialogueResult> AmendAsync(Caller caller, ConversationState state, CancellationToken ct)
    {
        if (state.Filing is not { } current)
        {
            return DialogueResult.Of(state, new Reply("Gõ /baocao để mở báo cáo của đơn vị."));
        }

        if (caller.FilingUnits.Count == 0)
        {
            return DialogueResult.Of(state with { Filing = null }, new Reply(NotAFocalPoint));
        }

        var amended = await filing.AmendAsync(caller, current.ReportId, ct).ConfigureAwait(false);
        if (amended.Outcome is not (AmendOutcome.Reopened or AmendOutcome.AlreadyDraft) || amended.Session is not { } session)
        {
            return DialogueResult.Of(state with { Filing = null }, new Reply(amended.Message));
        }

        var filingState = current with { Step = FilingStep.Summary, Index = session.Questions.Count, Revision = session.Revision, Misses = 0 };
        var prefix = $"Đã mở bản sửa lần {session.Version - 1} của báo cáo {session.Period.Label}. Các câu trả lời đã nộp được giữ nguyên; gõ \"sửa N\" để sửa câu N.";
        return await ShowAsync(caller, session, filingState, prefix, ct).ConfigureAwait(false);
    }

    /// <summary>/huy while a filing session is open: the same as typing "hủy".</summary>
    public Task<DialogueResult> CancelAsync(Caller caller, ConversationState state, Turn turn, CancellationToken ct) =>
        ContinueAsync(caller, state, turn with { Text = "hủy", ButtonData = null }, ct);

    /// <summary>Handles one message while a filing session is open.</summary>
    public async Task<DialogueResult> ContinueAsync(Caller caller, ConversationState state, Turn turn, CancellationToken ct)
    {
        var current = state.Filing!;
        // Questions and the summary may use the draft this conversation last saw at its revision: whatever another writer
        // changed since is caught by the revision check of the next save or of the submission, which then re-reads.
        var session = (current.Step is FilingStep.Question or FilingStep.Summary ? drafts.Get(turn.ConversationKey, current.ReportId, current.Revision) : null)
            ?? await filing.GetAsync(caller, current.ReportId, ct).ConfigureAwait(false);
        return Remember(turn.ConversationKey, await ContinueWithAsync(caller, state, turn, current, session, ct).ConfigureAwait(false));
    }

    /// <summary>Keeps the draft behind what was just shown for the conversation's next message, or forgets it.</summary>
    private DialogueResult Remember(string conversationKey, DialogueResult result)
    {
        if (result.State.Filing is { Step: FilingStep.Question or FilingStep.Summary } next && lastShown is { } shown && shown.ReportId == next.ReportId)
        {
            drafts.Put(conversationKey, shown with { Revision = next.Revision });
        }
        else
        {
            drafts.Forget(conversationKey);
        }

        return result;
    }

    /// <summary>The draft behind the last question shown in this scope (one message), for <see cref="DraftCache"/>.</summary>
    private DraftSession? lastShown;

    private async Task<DialogueResult> ContinueWithAsync(Caller caller, ConversationState state, Turn turn, FilingState current, DraftSession? session,
        CancellationToken ct)
    {
        if (session is null || caller.FilingUnits.All(u => u.Code != current.UnitCode))
        {
            return DialogueResult.Of(state with { Filing = null }, new Reply("Bạn không còn quyền nộp báo cáo này (có thể đã huỷ đăng ký). Gõ /toi để xem vai trò của bạn."));
        }

        if (session.Status == Reporting.Data.ReportStatus.Submitted && current.Step != FilingStep.OfferAmend)
        {
            var offer = current with { Step = FilingStep.OfferAmend };
            return DialogueResult.Of(state with { Filing = offer }, new Reply(
                $"Báo cáo {session.Period.Label} đã được nộp (có thể bởi người cùng đơn vị). Bạn có muốn mở bản sửa không?",
                [[new ReplyButton("Sửa báo cáo", FilingButtons.Amend), new ReplyButton("Không", FilingButtons.Close)]]));
        }

        var (word, answerText, stale) = ReadInput(turn, current);
        if (stale)
        {
            return await ShowAsync(caller, session, current, "Nút đó thuộc một câu đã qua; mình đang hỏi câu này:", ct).ConfigureAwait(false);
        }

        return current.Step switch
        {
            FilingStep.ConfirmCancel => await ConfirmCancelAsync(caller, state, session, current, word, answerText, ct).ConfigureAwait(false),
            FilingStep.OfferAmend => word.Command == FilingCommand.Submit || AnswerParser.ReadYesNo(answerText) == true || turn.ButtonData == FilingButtons.Amend
                ? await AmendAsync(caller, state, ct).ConfigureAwait(false)
                : DialogueResult.Of(state with { Filing = null }, new Reply("Được, báo cáo đã nộp giữ nguyên.")),
            _ => await StepAsync(caller, state, session, current, word, answerText, ct).ConfigureAwait(false),
        };
    }

    private async Task<DialogueResult> StepAsync(Caller caller, ConversationState state, DraftSession session, FilingState current,
        FilingWord word, string answerText, CancellationToken ct)
    {
        var count = session.Questions.Count;
        var atSummary = current.Step == FilingStep.Summary || current.Index >= count;
        switch (word.Command)
        {
            case FilingCommand.Back:
                var back = atSummary ? count - 1 : Math.Max(0, current.Index - 1);
                return await ShowAsync(caller, session, AtQuestion(current, back), null, ct).ConfigureAwait(false);

            case FilingCommand.Skip when !atSummary:
                return await AdvanceAsync(caller, session, current, "Đã bỏ qua.", ct).ConfigureAwait(false);

            case FilingCommand.Edit when word.Number is { } n:
                if (n < 1 || n > count)
                {
                    return Keep(state, new Reply($"Báo cáo có {count} câu; bạn gõ \"sửa\" kèm số từ 1 đến {count}, ví dụ: sửa 5."));
                }

                var returnTo = current.ReturnTo ?? (atSummary ? count : current.Index);
                return await ShowAsync(caller, session, AtQuestion(current, n - 1) with { ReturnTo = returnTo == n - 1 ? null : returnTo }, null, ct)
                    .ConfigureAwait(false);

            case FilingCommand.Edit:
                return Keep(state, new Reply($"Bạn muốn sửa câu nào? Gõ \"sửa\" kèm số câu (1–{count}), ví dụ: sửa 5."));

            case FilingCommand.Pause:
                var answered = session.Questions.Count(q => session.Answers.ContainsKey(q.Key));
                var where = atSummary ? "phần tóm tắt" : $"câu {current.Index + 1}";
                return DialogueResult.Of(state with { Filing = current with { Paused = true } }, new Reply(
                    $"Đã tạm dừng. Bản nháp được lưu ({answered}/{count} câu đã trả lời). Gõ /baocao để làm tiếp từ {where}.",
                    [[new ReplyButton("Làm tiếp", "cmd:baocao")]]));

            case FilingCommand.Cancel:
                var question = session.Version > 1
                    ? "Thoát khỏi bản sửa? Các thay đổi đã lưu vẫn nằm trong bản nháp và chưa được nộp."
                    : "Huỷ bản nháp? Các câu trả lời của bản nháp này sẽ bị xoá.";
                return Keep(state with { Filing = current with { Step = FilingStep.ConfirmCancel, Index = atSummary ? count : current.Index } },
                    new Reply(question, [[new ReplyButton(session.Version > 1 ? "Thoát" : "Xoá bản nháp", FilingButtons.CancelYes),
                        new ReplyButton("Không, làm tiếp", FilingButtons.CancelNo)]]));

            case FilingCommand.Help:
                return await ShowAsync(caller, session, current, HelpText.FilingWords, ct).ConfigureAwait(false);

            case FilingCommand.Summary:
            case FilingCommand.Submit when !atSummary:
                return await ShowAsync(caller, session, current with { Step = FilingStep.Summary, Index = count }, null, ct).ConfigureAwait(false);

            case FilingCommand.Submit:
                return await SubmitAsync(caller, state, session, current, ct).ConfigureAwait(false);
        }

        if (atSummary)
        {
            if (IntentDetector.LooksLikeQuestion(answerText))
            {
                var side = await sideQuestions.AnswerAsync(caller, answerText, ct).ConfigureAwait(false);
                return Keep(state, side, new Reply("Gõ \"gửi\" để nộp báo cáo, hoặc \"sửa N\" để sửa câu N."));
            }

            return Keep(state, new Reply("Bạn đang ở phần tóm tắt: gõ \"gửi\" để nộp, \"sửa N\" để sửa câu N, hoặc \"tạm dừng\"."));
        }

        return await AnswerAsync(caller, state, session, current, word, answerText, ct).ConfigureAwait(false);
    }

    private async Task<DialogueResult> AnswerAsync(Caller caller, ConversationState state, DraftSession session, FilingState current,
        FilingWord word, string text, CancellationToken ct)
    {
        var question = session.Questions[current.Index];
        AnswerValue value;
        if (word.Command == FilingCommand.Keep)
        {
            if (session.Answers.ContainsKey(question.Key))
            {
                return await AdvanceAsync(caller, session, current, null, ct).ConfigureAwait(false);
            }

            if (!session.CarriedOver.TryGetValue(question.Key, out var carried))
            {
                return Keep(state, new Reply("Câu này chưa có giá trị kỳ trước để giữ nguyên; bạn nhập câu trả lời nhé.", QuestionPrompts.Buttons(session, current.Index)));
            }

            value = carried;
        }
        else
        {
            if (IntentDetector.LooksLikeQuestion(text))
            {
                // A question typed mid-form: answer it, then ask the same question again.
                var side = await sideQuestions.AnswerAsync(caller, text, ct).ConfigureAwait(false);
                return Keep(state, side, QuestionPrompts.Ask(session, current.Index, "Tiếp tục báo cáo:"));
            }

            var parsed = AnswerParser.Parse(QuestionPrompts.SpecFor(session, question), text);
            if (!parsed.Ok)
            {
                return Miss(state, session, current, parsed.Error!);
            }

            value = AnswerValue.FromStorage(question.Type, parsed.Value!);
        }

        // The draft in hand is current when it is at the conversation's revision: then one conditional write suffices.
        var saved = session.Revision == current.Revision
            ? await filing.SaveAnswerAsync(caller, session, question.Key, value, ct).ConfigureAwait(false)
            : await filing.SaveAnswerAsync(caller, session.ReportId, question.Key, value, current.Revision, ct).ConfigureAwait(false);
        switch (saved.Outcome)
        {
            case SaveOutcome.Saved:
                var notes = new List<string>();
                if (saved.ChangedByOthers.Count > 0)
                {
                    notes.Add(FilingTexts.Changes(saved.ChangedByOthers, session));
                }

                notes.AddRange(saved.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => "⚠ Lưu ý: " + p.Message));
                var updated = saved.ChangedByOthers.Count > 0
                    ? await filing.GetAsync(caller, session.ReportId, ct).ConfigureAwait(false) ?? session
                    : WithAnswer(session, question.Key, value, saved.Revision);
                var next = current with { Revision = saved.Revision, Misses = 0 };
                var prefix = $"✓ Đã lưu: {value.Display(question)}." + (notes.Count > 0 ? "\n" + string.Join("\n", notes) : string.Empty);
                return await AdvanceAsync(caller, updated, next, prefix, ct).ConfigureAwait(false);

            case SaveOutcome.Conflict:
                var fresh = await filing.GetAsync(caller, session.ReportId, ct).ConfigureAwait(false) ?? session;
                var conflict = saved.Message + (saved.ChangedByOthers.Count > 0 ? "\n" + FilingTexts.Changes(saved.ChangedByOthers, fresh) : string.Empty)
                    + "\nCâu trả lời của bạn chưa được lưu. Gõ lại nếu bạn vẫn muốn thay đổi.";
                return await ShowAsync(caller, fresh, current with { Revision = saved.Revision, Misses = 0 }, conflict, ct).ConfigureAwait(false);

            case SaveOutcome.Invalid:
                var errors = string.Join("\n", saved.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Message));
                return Miss(state, session, current, errors.Length > 0 ? errors : saved.Message);

            default:
                return DialogueResult.Of(state with { Filing = null }, new Reply(saved.Message));
        }
    }

    private async Task<DialogueResult> SubmitAsync(Caller caller, ConversationState state, DraftSession session, FilingState current, CancellationToken ct)
    {
        var submitted = session.Revision == current.Revision
            ? await filing.SubmitAsync(caller, session, ct).ConfigureAwait(false)
            : await filing.SubmitAsync(caller, session.ReportId, current.Revision, ct).ConfigureAwait(false);
        switch (submitted.Outcome)
        {
            case SubmitOutcome.Submitted when submitted.Receipt is { } receipt:
                return DialogueResult.Of(state with { Filing = null }, new Reply(FilingTexts.Receipt(receipt, session.Window)));

            case SubmitOutcome.Invalid or SubmitOutcome.Conflict:
                var fresh = await filing.GetAsync(caller, session.ReportId, ct).ConfigureAwait(false) ?? session;
                return await ShowAsync(caller, fresh, current with { Revision = fresh.Revision, Step = FilingStep.Summary, Index = fresh.Questions.Count },
                    submitted.Message, ct).ConfigureAwait(false);

            default:
                return DialogueResult.Of(state with { Filing = null }, new Reply(submitted.Message));
        }
    }

    private async Task<DialogueResult> ConfirmCancelAsync(Caller caller, ConversationState state, DraftSession session, FilingState current,
        FilingWord word, string text, CancellationToken ct)
    {
        var confirmed = text == "cancel:yes" || word.Command == FilingCommand.Cancel || AnswerParser.ReadYesNo(text) == true
            || VietnameseText.FoldWords(text) is "xoa" or "xoa ban nhap" or "thoat";
        if (!confirmed)
        {
            var back = current with { Step = current.Index >= session.Questions.Count ? FilingStep.Summary : FilingStep.Question };
            return await ShowAsync(caller, session, back, "Được, mình làm tiếp nhé.", ct).ConfigureAwait(false);
        }

        if (session.Version > 1)
        {
            return DialogueResult.Of(state with { Filing = null }, new Reply("Đã thoát. Bản sửa chưa được nộp; gõ /baocao để làm tiếp khi cần."));
        }

        var revision = current.Revision;
        foreach (var key in session.Answers.Keys.ToList())
        {
            var cleared = await filing.SaveAnswerAsync(caller, session.ReportId, key, null, revision, ct).ConfigureAwait(false);
            if (cleared.Outcome != SaveOutcome.Saved)
            {
                // Someone else changed this answer meanwhile: keep theirs rather than delete it unseen.
                return DialogueResult.Of(state with { Filing = null }, new Reply(
                    "Đã dừng xoá vì người cùng đơn vị vừa sửa bản nháp; các câu của họ được giữ lại. Gõ /baocao để xem."));
            }

            revision = cleared.Revision;
        }

        return DialogueResult.Of(state with { Filing = null }, new Reply("Đã huỷ bản nháp. Gõ /baocao khi bạn muốn bắt đầu lại."));
    }

    private async Task<DialogueResult> AdvanceAsync(Caller caller, DraftSession session, FilingState current, string? prefix, CancellationToken ct)
    {
        var count = session.Questions.Count;
        var target = current.ReturnTo ?? current.Index + 1;
        var next = target >= count
            ? current with { Step = FilingStep.Summary, Index = count, ReturnTo = null, Misses = 0 }
            : AtQuestion(current, target) with { ReturnTo = null };
        return await ShowAsync(caller, session, next, prefix, ct).ConfigureAwait(false);
    }

    /// <summary>Shows the question at the state's position, or the summary when the position is past the last question.</summary>
    private async Task<DialogueResult> ShowAsync(Caller caller, DraftSession session, FilingState filingState, string? prefix, CancellationToken ct)
    {
        lastShown = session;
        var state = new ConversationState(filingState);
        if (filingState.Step == FilingStep.Summary || filingState.Index >= session.Questions.Count)
        {
            var validation = filing.Validate(session);
            var summaryState = filingState with { Step = FilingStep.Summary, Index = session.Questions.Count };
            return DialogueResult.Of(state with { Filing = summaryState }, FilingTexts.Summary(session, validation, prefix));
        }

        return DialogueResult.Of(state with { Filing = filingState with { Step = FilingStep.Question } }, QuestionPrompts.Ask(session, filingState.Index, prefix));
    }

    private static DialogueResult Miss(ConversationState state, DraftSession session, FilingState current, string error)
    {
        var misses = current.Misses + 1;
        var buttons = QuestionPrompts.Buttons(session, current.Index).ToList();
        var text = error;
        if (misses >= MissesBeforeOffer)
        {
            text += "\nNếu chưa có số liệu, bạn có thể bỏ qua câu này hoặc tạm dừng để làm tiếp sau.";
            buttons.Add([new ReplyButton("Bỏ qua", FilingButtons.Skip(current.Index)), new ReplyButton("Tạm dừng", FilingButtons.Pause)]);
        }

        var reply = new Reply(text, buttons.DistinctBy(r => string.Join('|', r.Select(b => b.Data))).ToList())
        {
            ExpectsNumber = QuestionPrompts.ExpectsNumber(session.Questions[current.Index]),
        };
        return DialogueResult.Of(state with { Filing = current with { Misses = misses } }, reply);
    }

    private static DialogueResult Keep(ConversationState state, params Reply[] replies) => DialogueResult.Of(state, replies);

    private static FilingState AtQuestion(FilingState current, int index) =>
        current with { Step = FilingStep.Question, Index = index, Misses = 0 };

    private static int FirstOpenIndex(DraftSession session)
    {
        var next = session.NextUnanswered;
        return next is null ? session.Questions.Count : session.Questions.ToList().IndexOf(next);
    }

    private DraftSession WithAnswer(DraftSession session, string key, AnswerValue value, int revision)
    {
        var answers = new Dictionary<string, StoredAnswer>(session.Answers)
        {
            [key] = new StoredAnswer(key, value, clock.GetUtcNow(), "", revision),
        };
        return session with { Answers = answers, Revision = revision };
    }

    /// <summary>Turns a pressed filing button into a word or an answer; flags buttons from an earlier question.</summary>
    private static (FilingWord Word, string Text, bool Stale) ReadInput(Turn turn, FilingState current)
    {
        if (turn.ButtonData is not { } data || !data.StartsWith(FilingButtons.Prefix, StringComparison.Ordinal))
        {
            return (FilingWords.Parse(turn.Input), turn.Input, false);
        }

        var (index, action, option) = FilingButtons.Read(data);
        if (index is { } i && (current.Step != FilingStep.Question || i != current.Index) && current.Step != FilingStep.ConfirmCancel)
        {
            return (FilingWord.None, string.Empty, true);
        }

        return action switch
        {
            "yes" => (FilingWord.None, "có", false),
            "no" => (FilingWord.None, "không", false),
            "c" => (FilingWord.None, (option + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), false),
            "keep" => (new FilingWord(FilingCommand.Keep), string.Empty, false),
            "skip" => (new FilingWord(FilingCommand.Skip), string.Empty, false),
            "back" => (new FilingWord(FilingCommand.Back), string.Empty, false),
            "pause" => (new FilingWord(FilingCommand.Pause), string.Empty, false),
            "submit" => (new FilingWord(FilingCommand.Submit), string.Empty, false),
            "amend" => (new FilingWord(FilingCommand.Submit), "có", false),
            "close" => (FilingWord.None, "không", false),
            "cancel:yes" => (FilingWord.None, "cancel:yes", false),
            "cancel:no" => (FilingWord.None, "không", false),
            _ => (FilingWord.None, string.Empty, true),
        };
    }
}
