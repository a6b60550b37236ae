using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>One filing message in hand: who, the conversation state, where the session stands, and the draft.</summary>
/// <param name="Reloaded">The draft was read from the database, not the one this conversation last saw (first
/// message after a restart, or after another writer): a reply that is not an answer repeats the question.</param>
internal sealed record FilingTurn(Caller Caller, ConversationState State, FilingState Current, DraftSession Session, bool Reloaded);

/// <summary>The replies of one step, the state to remember, and the draft behind what was shown (for the next message).</summary>
internal sealed record FilingStepResult(IReadOnlyList<Reply> Replies, ConversationState State, DraftSession? Shown = null)
{
    public static FilingStepResult Of(ConversationState state, params Reply[] replies) => new(replies, state);
}

/// <summary>
/// The step-by-step monthly report in chat: one question at a time, every answer saved as it is given, a summary with
/// derived figures, submission with a receipt, amendment after submission. Each message is read once into a
/// <see cref="FilingInput"/> and handled by the step the session is at (question, summary, confirm cancel, offer amend).
/// Only a unit's focal point may file: the check is here (and again inside the filing service).
/// </summary>
internal sealed partial class FilingDialogue(
    IFilingService filing,
    IReportingSchedule schedule,
    TimeProvider clock,
    ISideQuestions sideQuestions,
    DraftCache drafts)
{
    /// <summary>After this many unreadable answers in a row, offer to skip or pause.</summary>
    public const int MissesBeforeOffer = 3;

    /// <summary>Starts or resumes filing: from /baocao, its button, or plain words ("nộp báo cáo tháng 11").</summary>
    public async Task<DialogueResult> StartAsync(Caller caller, ConversationState state, string conversationKey, string text, CancellationToken ct) =>
        Remember(conversationKey, await OpenAsync(caller, state, text, ct).ConfigureAwait(false));

    /// <summary>/huy while a filing session is open: the filing word "hủy", without turning the command into words.</summary>
    public Task<DialogueResult> CancelAsync(Caller caller, ConversationState state, Turn turn, CancellationToken ct) =>
        ContinueAsync(caller, state, turn, new FilingInput.Word(new FilingWord(FilingCommand.Cancel)), ct);

    /// <summary>Handles one message while a filing session is open.</summary>
    public Task<DialogueResult> ContinueAsync(Caller caller, ConversationState state, Turn turn, CancellationToken ct) =>
        ContinueAsync(caller, state, turn, FilingInput.Read(turn, state.Filing!), ct);

    private async Task<DialogueResult> ContinueAsync(Caller caller, ConversationState state, Turn turn, FilingInput input, CancellationToken ct)
    {
        var current = state.Filing!;
        // Questions and the summary may use the draft this conversation last saw at its revision: whatever another writer
        // changed since is caught by the revision check of the next save or of the submission, which then re-reads.
        var held = current.Step is FilingStep.Question or FilingStep.Summary ? drafts.Get(turn.ConversationKey, current.ReportId, current.Revision) : null;
        var session = held ?? await filing.GetAsync(caller, current.ReportId, ct).ConfigureAwait(false);
        var result = session is null || caller.FilingUnits.All(u => u.Code != current.UnitCode)
            ? FilingStepResult.Of(state with { Filing = null }, new Reply(FilingTexts.NoLongerAllowed))
            : await DispatchAsync(new FilingTurn(caller, state, current, session, Reloaded: held is null), input, ct).ConfigureAwait(false);
        return Remember(turn.ConversationKey, result);
    }

    private async Task<FilingStepResult> DispatchAsync(FilingTurn here, FilingInput input, CancellationToken ct)
    {
        var (session, current) = (here.Session, here.Current);
        if (session.IsSubmitted && current.Step != FilingStep.OfferAmend)
        {
            return FilingStepResult.Of(here.State with { Filing = current with { Step = FilingStep.OfferAmend } },
                FilingTexts.SubmittedMeanwhile(session));
        }

        if (input is FilingInput.Stale stale)
        {
            return Show(session, current, FilingTexts.StaleButton(stale.Index, current));
        }

        return current.Step switch
        {
            FilingStep.ConfirmCancel => await ConfirmCancelAsync(here, input, ct).ConfigureAwait(false),
            FilingStep.OfferAmend => await OfferAmendAsync(here, input, ct).ConfigureAwait(false),
            _ when current.Step == FilingStep.Summary || current.Index >= session.Questions.Count => await SummaryStepAsync(here, input, ct).ConfigureAwait(false),
            _ => await QuestionStepAsync(here, input, ct).ConfigureAwait(false),
        };
    }

    /// <summary>Keeps the draft behind what was just shown for the conversation's next message, or forgets it.</summary>
    private DialogueResult Remember(string conversationKey, FilingStepResult result)
    {
        if (result.State.Filing is { Step: FilingStep.Question or FilingStep.Summary } next && result.Shown is { } shown && shown.ReportId == next.ReportId)
        {
            drafts.Put(conversationKey, shown with { Revision = next.Revision });
        }
        else
        {
            drafts.Forget(conversationKey);
        }

        return new DialogueResult(result.Replies, result.State);
    }

    private async Task<FilingStepResult> OpenAsync(Caller caller, ConversationState state, string text, CancellationToken ct)
    {
        if (caller.FilingUnits.Count == 0)
        {
            return FilingStepResult.Of(state, new Reply(FilingTexts.NotAFocalPoint));
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
                return Show(session, filingState, opening);

            case OpenOutcome.AlreadySubmitted when opened.Session is { } submitted:
                var offer = new FilingState(submitted.ReportId, submitted.Period.Key, submitted.Unit.Code, FilingStep.OfferAmend, 0, submitted.Revision);
                return FilingStepResult.Of(state with { Filing = offer }, FilingTexts.AlreadySubmitted(submitted));

            default:
                return FilingStepResult.Of(state with { Filing = null }, new Reply(FilingTexts.NotOpened(opened.Outcome, period, unit, schedule.WindowOf(period))));
        }
    }

    /// <summary>Shows the question at the state's position, or the whole summary when the position is past the last question.</summary>
    private FilingStepResult Show(DraftSession session, FilingState filingState, string? prefix)
    {
        var state = new ConversationState(filingState);
        if (filingState.Step == FilingStep.Summary || filingState.Index >= session.Questions.Count)
        {
            var summaryState = filingState with { Step = FilingStep.Summary, Index = session.Questions.Count };
            return new FilingStepResult([FilingSummary.Summary(session, filing.Validate(session), prefix)], state with { Filing = summaryState }, session);
        }

        return new FilingStepResult([QuestionPrompts.Ask(session, filingState.Index, prefix)],
            state with { Filing = filingState with { Step = FilingStep.Question } }, session);
    }

    private static FilingState AtQuestion(FilingState current, int index) =>
        current with { Step = FilingStep.Question, Index = index, Misses = 0 };

    private static int FirstOpenIndex(DraftSession session)
    {
        var next = session.NextUnanswered;
        return next is null ? session.Questions.Count : session.Questions.ToList().IndexOf(next);
    }
}
