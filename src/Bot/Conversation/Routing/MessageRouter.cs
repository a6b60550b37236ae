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
    SideQuestions sideQuestions,
    FreeTextQuestions freeText,
    ILogger<MessageRouter> logger)
{
    public async Task<IReadOnlyList<Reply>> RouteAsync(Turn turn, CancellationToken ct)
    {
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
            logger.LogError(exception, "Reporting store unavailable for {Key}; answering from the knowledge base only", turn.ConversationKey);
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
            return DialogueResult.Of(state, new Reply("Phiên nộp báo cáo đó đã kết thúc. Gõ /baocao để mở lại.", [[new ReplyButton("Nộp báo cáo", "cmd:baocao")]]));
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

    private async Task<DialogueResult> CommandAsync(Turn turn, Caller caller, ConversationState state, CommandLine command, CancellationToken ct)
    {
        switch (command.Name)
        {
            case "start" when command.Argument.Length > 0:
                // Telegram deep links (t.me/bot?start=CODE) arrive as "/start CODE": an invite link registers directly.
                return DialogueResult.Of(state, await registration.RegisterAsync(turn, command.Argument, ct).ConfigureAwait(false));
            case "start":
                return DialogueResult.Of(state, new Reply(HelpText.Welcome));
            case "trogiup" or "help" or "huongdan":
                return DialogueResult.Of(state, new Reply(state.Filing is { Paused: false } ? HelpText.Commands + "\n\n" + HelpText.FilingWords : HelpText.Commands));
            case "dangky" or "dk" or "register":
                return DialogueResult.Of(state, await registration.RegisterAsync(turn, command.Argument, ct).ConfigureAwait(false));
            case "toi" or "whoami":
                return DialogueResult.Of(state, registration.WhoAmI(caller));
            case "huydangky" or "unregister":
                return new DialogueResult([await registration.UnregisterAsync(turn, caller, ct).ConfigureAwait(false)], ConversationState.Empty);
            case "baocao" or "nopbaocao" or "report":
                return await filing.StartAsync(caller, state with { Filing = state.Filing is { } f ? f with { Paused = false } : null }, turn.ConversationKey, command.Argument, ct)
                    .ConfigureAwait(false);
            case "trangthai" or "status":
                return DialogueResult.Of(state, await status.CommandAsync(caller, command.Argument, ct).ConfigureAwait(false));
            case "xuat" or "export":
                return DialogueResult.Of(state, await status.ExportAsync(caller, command.Argument, ct).ConfigureAwait(false));
            case "huy" or "cancel" when state.Filing is { Paused: false }:
                return await filing.ContinueAsync(caller, state, turn with { Text = "huỷ", ButtonData = null }, ct).ConfigureAwait(false);
            case "huy" or "cancel":
                return DialogueResult.Of(state with { Filing = null }, new Reply("Không có việc gì đang làm dở để huỷ."));
            default:
                return DialogueResult.Of(state, new Reply($"Mình chưa biết lệnh /{command.Name}. Gõ /trogiup để xem các lệnh."));
        }
    }

    private async Task<Reply> DegradedAsync(Turn turn, CancellationToken ct)
    {
        var command = turn.ButtonData is null ? CommandLine.Parse(turn.Input) : null;
        return command?.Name switch
        {
            "start" => new Reply(HelpText.Welcome),
            "trogiup" or "help" => new Reply(HelpText.Commands),
            // Who is asking is unknown without the directory: answer as an anonymous person, through the same planner.
            null when turn.ButtonData is null && IntentDetector.Detect(turn.Input) == Intent.Question =>
                await freeText.ReplyAsync(Caller.Anonymous(turn.ConversationKey), turn.Input, ct).ConfigureAwait(false),
            _ => new Reply("Hệ thống báo cáo đang tạm gián đoạn nên mình chưa làm được việc này. Bạn vẫn có thể hỏi về kế hoạch; thử lại sau ít phút nhé."),
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
