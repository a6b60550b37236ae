using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>The filing words shared by questions and the summary, and the summary, cancel and amend steps.</summary>
internal sealed partial class FilingDialogue
{
    private async Task<FilingStepResult> WordAsync(FilingTurn here, FilingWord word, CancellationToken ct)
    {
        var (session, current, state) = (here.Session, here.Current, here.State);
        var count = session.Questions.Count;
        var atSummary = current.Step == FilingStep.Summary || current.Index >= count;
        switch (word.Command)
        {
            case FilingCommand.Back:
                return Show(session, AtQuestion(current, atSummary ? count - 1 : Math.Max(0, current.Index - 1)), null);

            case FilingCommand.Edit when word.Number is { } n && (n < 1 || n > count):
                return new FilingStepResult([new Reply(FilingTexts.EditOutOfRange(count))], state, session);

            case FilingCommand.Edit when word.Number is { } n:
                var returnTo = current.ReturnTo ?? (atSummary ? count : current.Index);
                return Show(session, AtQuestion(current, n - 1) with { ReturnTo = returnTo == n - 1 ? null : returnTo }, null);

            case FilingCommand.Edit:
                return new FilingStepResult([new Reply(FilingTexts.EditWhich(count))], state, session);

            case FilingCommand.Pause:
                var answered = session.Questions.Count(q => session.Answers.ContainsKey(q.Key));
                return FilingStepResult.Of(state with { Filing = current with { Paused = true } },
                    FilingTexts.Paused(answered, count, atSummary ? null : current.Index));

            case FilingCommand.Cancel:
                var confirm = current with { Step = FilingStep.ConfirmCancel, Index = atSummary ? count : current.Index };
                return FilingStepResult.Of(state with { Filing = confirm }, FilingTexts.ConfirmCancel(session.Version > 1));

            case FilingCommand.Help:
                return Show(session, current, HelpText.FilingWords);

            case FilingCommand.Summary:
            case FilingCommand.Submit when !atSummary:
                return Show(session, current with { Step = FilingStep.Summary, Index = count }, null);

            case FilingCommand.Submit:
                return await SubmitAsync(here, ct).ConfigureAwait(false);

            default:
                // "bỏ qua" and "giữ nguyên" at the summary: nothing to skip or keep there.
                return new FilingStepResult([new Reply(FilingTexts.AtSummary)], state, session);
        }
    }

    private async Task<FilingStepResult> SummaryStepAsync(FilingTurn here, FilingInput input, CancellationToken ct)
    {
        switch (input)
        {
            case FilingInput.Word word:
                return await WordAsync(here, word.Value, ct).ConfigureAwait(false);
            case FilingInput.Text text when IntentDetector.LooksLikeQuestion(text.Value):
                var side = await SideAnswerAsync(here, text.Value, ct).ConfigureAwait(false);
                return new FilingStepResult([side, new Reply(FilingTexts.SummaryHint)], here.State, here.Session);
            default:
                return new FilingStepResult([new Reply(FilingTexts.AtSummary)], here.State, here.Session);
        }
    }

    private async Task<FilingStepResult> SubmitAsync(FilingTurn here, CancellationToken ct)
    {
        var (caller, session, current) = (here.Caller, here.Session, here.Current);
        var submitted = session.Revision == current.Revision
            ? await filing.SubmitAsync(caller, session, ct).ConfigureAwait(false)
            : await filing.SubmitAsync(caller, session.ReportId, current.Revision, ct).ConfigureAwait(false);
        switch (submitted.Outcome)
        {
            case SubmitOutcome.Submitted when submitted.Receipt is { } receipt:
                return FilingStepResult.Of(here.State with { Filing = null }, new Reply(FilingTexts.Receipt(receipt, session.Window)));

            case SubmitOutcome.Invalid or SubmitOutcome.Conflict:
                var fresh = await filing.GetAsync(caller, session.ReportId, ct).ConfigureAwait(false) ?? session;
                var summary = current with { Revision = fresh.Revision, Step = FilingStep.Summary, Index = fresh.Questions.Count };
                return Show(fresh, summary, FilingTexts.NotSubmitted(submitted.Outcome));

            default:
                return FilingStepResult.Of(here.State with { Filing = null }, new Reply(FilingTexts.NotSubmitted(submitted.Outcome, session)));
        }
    }

    private async Task<FilingStepResult> ConfirmCancelAsync(FilingTurn here, FilingInput input, CancellationToken ct)
    {
        var (session, current, state) = (here.Session, here.Current, here.State);
        var confirmed = input switch
        {
            FilingInput.Confirm { Topic: "cancel" } confirm => confirm.Value,
            FilingInput.Word { Value.Command: FilingCommand.Cancel } => true,
            FilingInput.Text text => AnswerParser.ReadYesNo(text.Value) == true || VietnameseText.FoldWords(text.Value) is "xoa" or "xoa ban nhap" or "thoat",
            _ => false,
        };
        if (!confirmed)
        {
            var back = current with { Step = current.Index >= session.Questions.Count ? FilingStep.Summary : FilingStep.Question };
            return Show(session, back, FilingTexts.CarryOn);
        }

        if (session.Version > 1)
        {
            return FilingStepResult.Of(state with { Filing = null }, new Reply(FilingTexts.LeftAmendment));
        }

        var revision = current.Revision;
        foreach (var key in session.Answers.Keys.ToList())
        {
            var cleared = await filing.SaveAnswerAsync(here.Caller, session.ReportId, key, null, revision, ct).ConfigureAwait(false);
            if (cleared.Outcome != SaveOutcome.Saved)
            {
                // Someone else changed this answer meanwhile: keep theirs rather than delete it unseen.
                return FilingStepResult.Of(state with { Filing = null }, new Reply(FilingTexts.CancelStopped));
            }

            revision = cleared.Revision;
        }

        return FilingStepResult.Of(state with { Filing = null }, new Reply(FilingTexts.Cancelled));
    }

    /// <summary>The report is submitted and the person was asked whether to amend it.</summary>
    private async Task<FilingStepResult> OfferAmendAsync(FilingTurn here, FilingInput input, CancellationToken ct)
    {
        var amend = input switch
        {
            FilingInput.Confirm { Topic: "amend" } confirm => confirm.Value,
            FilingInput.Word { Value.Command: FilingCommand.Submit or FilingCommand.Edit } => true,
            FilingInput.Text text => AnswerParser.ReadYesNo(text.Value) == true,
            _ => false,
        };
        if (!amend)
        {
            return FilingStepResult.Of(here.State with { Filing = null }, new Reply(FilingTexts.KeptSubmitted));
        }

        var amended = await filing.AmendAsync(here.Caller, here.Current.ReportId, ct).ConfigureAwait(false);
        if (amended.Outcome is not (AmendOutcome.Reopened or AmendOutcome.AlreadyDraft) || amended.Session is not { } session)
        {
            return FilingStepResult.Of(here.State with { Filing = null }, new Reply(FilingTexts.NotAmended(amended.Outcome, here.Session)));
        }

        var summary = here.Current with { Step = FilingStep.Summary, Index = session.Questions.Count, Revision = session.Revision, Misses = 0 };
        return Show(session, summary, FilingTexts.Amending(session));
    }
}
