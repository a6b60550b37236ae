using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>The question step: an answer (typed or pressed), a toggle of a multi-choice option, "Xong", or a filing word.</summary>
internal sealed partial class FilingDialogue
{
    private async Task<FilingStepResult> QuestionStepAsync(FilingTurn here, FilingInput input, CancellationToken ct)
    {
        var question = here.Session.Questions[here.Current.Index];
        return input switch
        {
            FilingInput.Word { Value.Command: FilingCommand.Skip } => Skip(here, question),
            FilingInput.Word { Value.Command: FilingCommand.Keep } => await KeepAsync(here, question, ct).ConfigureAwait(false),
            FilingInput.Word word => await WordAsync(here, word.Value, ct).ConfigureAwait(false),
            FilingInput.Text text => await TypedAsync(here, question, text.Value, ct).ConfigureAwait(false),
            FilingInput.YesNo yes when question.Type == QuestionType.YesNo => await SaveAsync(here, question, new YesNoAnswer(yes.Value), ct).ConfigureAwait(false),
            FilingInput.Choice choice when question.Type == QuestionType.Choice && choice.Option < question.Options.Count =>
                await SaveAsync(here, question, new ChoiceAnswer(question.Options[choice.Option].Key), ct).ConfigureAwait(false),
            FilingInput.Toggle toggle when question.Type == QuestionType.MultiChoice && toggle.Option < question.Options.Count =>
                await ToggleAsync(here, question, toggle.Option, ct).ConfigureAwait(false),
            FilingInput.Done when here.Session.Answers.ContainsKey(question.Key) => Advance(here.Session, here.Current, null),
            FilingInput.Done => Skip(here, question),
            _ => Show(here.Session, here.Current, FilingTexts.StaleButton(null, here.Current)),
        };
    }

    private async Task<FilingStepResult> TypedAsync(FilingTurn here, QuestionDefinition question, string text, CancellationToken ct)
    {
        if (SmallTalk.Detect(text) is { } talk)
        {
            // "cảm ơn", "chào bạn" mid-form: a friendly word, then the same question (the form keeps its place).
            return new FilingStepResult([new Reply(SmallTalkTexts.Reply(talk, here.Caller, filing: true)),
                QuestionPrompts.Ask(here.Session, here.Current.Index, FilingTexts.ContinueForm)], here.State, here.Session);
        }

        if (IntentDetector.LooksLikeQuestion(text))
        {
            // A question typed mid-form: answer it, then ask the same question again.
            var side = await SideAnswerAsync(here, text, ct).ConfigureAwait(false);
            return new FilingStepResult([side, QuestionPrompts.Ask(here.Session, here.Current.Index, FilingTexts.ContinueForm)], here.State, here.Session);
        }

        var parsed = AnswerParser.Parse(QuestionPrompts.SpecFor(here.Session, question), text);
        return parsed.Ok
            ? await SaveAsync(here, question, AnswerValue.FromStorage(question.Type, parsed.Value!), ct).ConfigureAwait(false)
            : Miss(here, parsed.Error!);
    }

    /// <summary>A question typed mid-form: about this unit's own deadline from the draft, anything else through the side questions.</summary>
    private async Task<Reply> SideAnswerAsync(FilingTurn here, string text, CancellationToken ct) =>
        OwnDeadline.Answer(here.Session, text, DtsAssistant.Text.VietnamTime.Today(clock))
        ?? await sideQuestions.AnswerAsync(here.Caller, text, ct).ConfigureAwait(false);

    /// <summary>"bỏ qua": an optional question is left empty; a required one is passed by for now, and the person is told at once.</summary>
    private FilingStepResult Skip(FilingTurn here, QuestionDefinition question) =>
        Advance(here.Session, here.Current, question.Required && !here.Session.Answers.ContainsKey(question.Key)
            ? FilingTexts.SkippedRequired(here.Current.Index, here.Session.Window)
            : FilingTexts.Skipped);

    private async Task<FilingStepResult> KeepAsync(FilingTurn here, QuestionDefinition question, CancellationToken ct)
    {
        if (here.Session.Answers.ContainsKey(question.Key))
        {
            return Advance(here.Session, here.Current, null);
        }

        return here.Session.CarriedOver.TryGetValue(question.Key, out var carried)
            ? await SaveAsync(here, question, carried, ct).ConfigureAwait(false)
            : new FilingStepResult([new Reply(FilingTexts.NothingToKeep, QuestionPrompts.Buttons(here.Session, here.Current.Index))], here.State, here.Session);
    }

    /// <summary>A multi-choice option pressed: selected or unselected and saved at once; "Xong" moves on.</summary>
    private async Task<FilingStepResult> ToggleAsync(FilingTurn here, QuestionDefinition question, int option, CancellationToken ct)
    {
        var chosen = here.Session.Answers.TryGetValue(question.Key, out var stored) && stored.Value is MultiChoiceAnswer multi
            ? multi.OptionKeys.ToHashSet(StringComparer.Ordinal)
            : [];
        var key = question.Options[option].Key;
        if (!chosen.Remove(key))
        {
            chosen.Add(key);
        }

        var keys = question.Options.Select(o => o.Key).Where(chosen.Contains).ToList();
        var saved = await WriteAsync(here, question, keys.Count == 0 ? null : new MultiChoiceAnswer(keys), ct).ConfigureAwait(false);
        if (saved.Failed is { } failed)
        {
            return failed;
        }

        var prefix = keys.Count == 0 ? FilingTexts.NothingChosen : FilingTexts.Chosen(question, keys.Count);
        return Show(saved.Updated, saved.Next, saved.Notes.Length > 0 ? prefix + "\n" + saved.Notes : prefix);
    }

    /// <summary>Saves an answer and moves on: to the next question, back where the person was before "sửa N", or the summary.</summary>
    private async Task<FilingStepResult> SaveAsync(FilingTurn here, QuestionDefinition question, AnswerValue value, CancellationToken ct)
    {
        var saved = await WriteAsync(here, question, value, ct).ConfigureAwait(false);
        if (saved.Failed is { } failed)
        {
            return failed;
        }

        var prefix = FilingTexts.Saved(value, question) + (saved.Notes.Length > 0 ? "\n" + saved.Notes : string.Empty);
        return Advance(saved.Updated, saved.Next, prefix);
    }

    private sealed record Written(FilingStepResult? Failed, DraftSession Updated, FilingState Next, string Notes);

    /// <summary>One save; a conflict, an invalid value or a closed report become the step's reply (in <see cref="Written.Failed"/>).</summary>
    private async Task<Written> WriteAsync(FilingTurn here, QuestionDefinition question, AnswerValue? value, CancellationToken ct)
    {
        var (caller, session, current) = (here.Caller, here.Session, here.Current);
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

                notes.AddRange(saved.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Select(p => FilingTexts.Warning(p.Message)));
                var updated = saved.ChangedByOthers.Count > 0
                    ? await filing.GetAsync(caller, session.ReportId, ct).ConfigureAwait(false) ?? session
                    : WithAnswer(session, question.Key, value, saved.Revision);
                return new Written(null, updated, current with { Revision = saved.Revision, Misses = 0 }, string.Join("\n", notes));

            case SaveOutcome.Conflict:
                var fresh = await filing.GetAsync(caller, session.ReportId, ct).ConfigureAwait(false) ?? session;
                var conflict = FilingTexts.Conflict(saved.ChangedByOthers, fresh, question);
                return new Written(Show(fresh, current with { Revision = saved.Revision, Misses = 0 }, conflict), session, current, string.Empty);

            case SaveOutcome.Invalid:
                var errors = string.Join("\n", saved.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Message));
                return new Written(Miss(here, errors.Length > 0 ? errors : FilingTexts.InvalidAnswer), session, current, string.Empty);

            default:
                return new Written(FilingStepResult.Of(here.State with { Filing = null }, new Reply(FilingTexts.NotSaved(saved.Outcome, session))),
                    session, current, string.Empty);
        }
    }

    /// <summary>
    /// An unreadable answer: the error with an example (the question is not repeated, unless the draft was reloaded, as
    /// after a restart, when the person may no longer see it); after a few misses, offer to skip or pause.
    /// </summary>
    private static FilingStepResult Miss(FilingTurn here, string error)
    {
        var (session, current) = (here.Session, here.Current);
        var misses = current.Misses + 1;
        var text = misses >= MissesBeforeOffer ? error + "\n" + FilingTexts.OfferSkip : error;
        var next = here.State with { Filing = current with { Misses = misses } };
        if (here.Reloaded)
        {
            return new FilingStepResult([QuestionPrompts.Ask(session, current.Index, text)], next, session);
        }

        var buttons = QuestionPrompts.Buttons(session, current.Index).ToList();
        if (misses >= MissesBeforeOffer)
        {
            buttons.Add([new ReplyButton("Bỏ qua", FilingButtons.Skip(current.Index)), new ReplyButton("Tạm dừng", FilingButtons.Pause)]);
        }

        var reply = new Reply(text, buttons.DistinctBy(r => string.Join('|', r.Select(b => b.Data))).ToList())
        {
            ExpectsNumber = QuestionPrompts.ExpectsNumber(session.Questions[current.Index]),
        };
        return new FilingStepResult([reply], next, session);
    }

    /// <summary>
    /// On to the next question, or back where the person was before "sửa N"; back at the summary after an edit, only the
    /// changed line and what is left to do are shown, not the whole summary again.
    /// </summary>
    private FilingStepResult Advance(DraftSession session, FilingState current, string? prefix)
    {
        var count = session.Questions.Count;
        if (current.ReturnTo is { } returnTo && returnTo >= count)
        {
            var summary = current with { Step = FilingStep.Summary, Index = count, ReturnTo = null, Misses = 0 };
            var reply = FilingSummary.AfterEdit(session, current.Index, filing.Validate(session), prefix);
            return new FilingStepResult([reply], new ConversationState(summary), session);
        }

        var target = current.ReturnTo ?? current.Index + 1;
        var next = target >= count
            ? current with { Step = FilingStep.Summary, Index = count, ReturnTo = null, Misses = 0 }
            : AtQuestion(current, target) with { ReturnTo = null };
        return Show(session, next, prefix);
    }

    private DraftSession WithAnswer(DraftSession session, string key, AnswerValue? value, int revision)
    {
        var answers = new Dictionary<string, StoredAnswer>(session.Answers);
        if (value is null)
        {
            answers.Remove(key);
        }
        else
        {
            answers[key] = new StoredAnswer(key, value, clock.GetUtcNow(), "", revision);
        }

        return session with { Answers = answers, Revision = revision };
    }
}
