using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Filing;
using DtsAssistant.Bot.Conversation.Registration;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Bot.Conversation.Status;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// Decides what one message is — a command, a button, a step of an open filing, a status or export question, or a
/// question for the knowledge base — with the person's role and persisted conversation state, and saves the state
/// afterwards.
/// </summary>
internal sealed class MessageRouter(
    CallerCache callers,
    ConversationStateStore store,
    RegistrationCommands registration,
    FilingDialogue filing,
    StatusQueries status,
    ISideQuestions sideQuestions,
    FreeTextQuestions freeText,
    IServiceProvider services,
    ILogger<MessageRouter> logger)
{
    public async Task<IReadOnlyList<Reply>> RouteAsync(Turn turn, CancellationToken ct)
    {
        // A group is answered as anyone, with no state: the person and the conversation are not looked up.
        if (turn.InGroup)
        {
            return [await GroupAsync(turn, ct).ConfigureAwait(false)];
        }

        Caller caller;
        ConversationState state;
        try
        {
            caller = await callers.WhoAmIAsync(turn.Channel, turn.UserId, turn.ConversationKey, ct).ConfigureAwait(false);
            state = await store.LoadAsync(turn.ConversationKey, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Questions about the plan need no database: keep answering them while the reporting store is down.
            logger.LogError(exception, "Reporting store unavailable for {Key}; answering from the knowledge base only", Hosting.LogPseudonym.Of(turn.ConversationKey));
            return [await DegradedAsync(turn, ct).ConfigureAwait(false)];
        }

        var result = await DispatchAsync(turn, caller, state, ct).ConfigureAwait(false);
        if (result.State != state)
        {
            await store.SaveAsync(turn.ConversationKey, result.State, ct).ConfigureAwait(false);
        }

        return result.Replies;
    }

    private async Task<DialogueResult> DispatchAsync(Turn turn, Caller caller, ConversationState state, CancellationToken ct)
    {
        var button = turn.ButtonData;
        var command = button is not null && button.StartsWith("cmd:", StringComparison.Ordinal)
            ? new CommandLine(button[4..], string.Empty)
            : button is null ? CommandLine.Parse(turn.Input) : null;
        if (command is not null)
        {
            return await CommandAsync(turn, caller, state, command, ct).ConfigureAwait(false);
        }

        if (button is not null && button.StartsWith("st:", StringComparison.Ordinal))
        {
            return DialogueResult.Of(state, await status.ButtonAsync(caller, button, ct).ConfigureAwait(false));
        }

        if (button is not null && button.StartsWith(Privacy.PersonalDataCommands.ButtonPrefix, StringComparison.Ordinal))
        {
            var erased = await services.GetRequiredService<Privacy.PersonalDataCommands>().ButtonAsync(turn, state, button, ct).ConfigureAwait(false);
            callers.Forget(turn.ConversationKey);
            return erased;
        }

        if (button is not null && button.StartsWith(RegistrationCommands.ButtonPrefix, StringComparison.Ordinal))
        {
            var registered = await registration.ButtonAsync(turn, caller, state, button, ct).ConfigureAwait(false);
            callers.Forget(turn.ConversationKey);
            return registered;
        }

        var active = state.Filing is { Paused: false } ? state.Filing : null;
        if (active is not null)
        {
            if (active.Step != FilingStep.OfferAmend || IsAmendAnswer(turn))
            {
                return await filing.ContinueAsync(caller, state, turn, ct).ConfigureAwait(false);
            }

            // The offer to amend was ignored: forget it and treat the message as new.
            state = state with { Filing = null };
        }

        if (button is not null)
        {
            return DialogueResult.Of(state, new Reply(CommonTexts.FilingSessionEnded, [[new ReplyButton("Nộp báo cáo", "cmd:baocao")]]));
        }

        // The small-talk hook: greetings, thanks, "bạn là ai" get a friendly reply for the person's role.
        if (SmallTalk.Detect(turn.Input) is { } talk)
        {
            return DialogueResult.Of(state, new Reply(SmallTalkTexts.Reply(talk, caller, filing: false)));
        }

        // "các chỉ tiêu … so với kế hoạch" from staff who see the figures: the table of indicators, not the plan's text;
        // "những đơn vị nào nộp muộn": the late list.
        if (StatusQueries.SeesStatus(caller) && StatusWords.AsksForStatusList(StatusWords.Fold(turn.Input)))
        {
            return DialogueResult.Of(state, await status.AnswerAsync(caller, turn.Input, ct).ConfigureAwait(false));
        }

        return IntentDetector.Detect(turn.Input) switch
        {
            // "báo cáo tháng 11" from someone who oversees but does not file means the status of that report.
            Intent.Filing when caller.FilingUnits.Count == 0 && StatusQueries.SeesStatus(caller) && !IntentDetector.HasFilingVerb(turn.Input) =>
                DialogueResult.Of(state, await status.AnswerAsync(caller, turn.Input, ct).ConfigureAwait(false)),
            Intent.Filing => await filing.StartAsync(caller, state, turn.ConversationKey, turn.Input, ct).ConfigureAwait(false),
            _ => DialogueResult.Of(state, await sideQuestions.AnswerAsync(caller, turn.Input, ct).ConfigureAwait(false)),
        };
    }

    private async Task<DialogueResult> CommandAsync(Turn turn, Caller caller, ConversationState state, CommandLine command, CancellationToken ct) =>
        CommandTable.Find(command.Name) is { } entry
            ? await entry.Handle(new CommandCall(turn, caller, state, command.Argument, services), ct).ConfigureAwait(false)
            : DialogueResult.Of(state, new Reply(CommonTexts.UnknownCommand(command.Name)));

    /// <summary>
    /// A group chat: everyone reads the replies, so only plan questions (answered as to anyone, without the person's
    /// role or units), greetings and help; registration, filing, status, exports and buttons are for private chats.
    /// </summary>
    private async Task<Reply> GroupAsync(Turn turn, CancellationToken ct)
    {
        var command = turn.ButtonData is null ? CommandLine.Parse(turn.Input) : null;
        if (command is not null && CommandTable.Canonical(command.Name) is "start" or "trogiup")
        {
            return new Reply(CommonTexts.GroupPrivateOnly + "\n\n" + CommandTable.Help);
        }

        if (turn.ButtonData is not null || command is not null)
        {
            return new Reply(CommonTexts.GroupPrivateOnly);
        }

        if (SmallTalk.Detect(turn.Input) is { } talk)
        {
            return new Reply(SmallTalkTexts.Reply(talk, Caller.Anonymous(turn.ConversationKey), filing: false));
        }

        return IntentDetector.Detect(turn.Input) == Intent.Question
            ? await freeText.ReplyAsync(Caller.Anonymous(turn.ConversationKey), turn.Input, ct).ConfigureAwait(false)
            : new Reply(CommonTexts.GroupPrivateOnly);
    }

    private async Task<Reply> DegradedAsync(Turn turn, CancellationToken ct)
    {
        var command = turn.ButtonData is null ? CommandLine.Parse(turn.Input) : null;
        // By the command's first name, so every alias counts ("/huongdan" is help); an unknown command is "".
        return (command is null ? null : CommandTable.Canonical(command.Name) ?? string.Empty) switch
        {
            "start" => new Reply(HelpText.Welcome),
            "trogiup" => new Reply(CommandTable.Help),
            // Who is asking is unknown without the directory: answer as an anonymous person, through the same planner.
            null when turn.ButtonData is null && IntentDetector.Detect(turn.Input) == Intent.Question =>
                await freeText.ReplyAsync(Caller.Anonymous(turn.ConversationKey), turn.Input, ct).ConfigureAwait(false),
            _ => new Reply(CommonTexts.ReportingDown),
        };
    }

    private static bool IsAmendAnswer(Turn turn) =>
        turn.ButtonData is { } data ? data.StartsWith(FilingButtons.Prefix, StringComparison.Ordinal)
        : AnswerParser.ReadYesNo(turn.Input) is not null || FilingWords.Parse(turn.Input).Command is FilingCommand.Submit or FilingCommand.Edit;
}

/// <summary>A slash command: "/dangky ABC123" is name "dangky", argument "ABC123". "@botname" suffixes are dropped.</summary>
internal sealed record CommandLine(string Name, string Argument)
{
    public static CommandLine? Parse(string text)
    {
        if (text.Length < 2 || text[0] != '/')
        {
            return null;
        }

        var space = text.IndexOfAny([' ', '\n', '\t']);
        var head = space < 0 ? text[1..] : text[1..space];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            head = head[..at];
        }

        var name = VietnameseText.Fold(head);
        return name.Length == 0 ? null : new CommandLine(name, space < 0 ? string.Empty : text[(space + 1)..].Trim());
    }
}
