using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Registration;

/// <summary>
/// /dangky, /toi, /huydangky: binding a chat identity to a role through a one-time invite code. The router forgets the
/// remembered caller after these commands, so the new role counts from the next message.
/// </summary>
internal sealed class RegistrationCommands(IDirectoryService directory, ILogger<RegistrationCommands> logger)
{
    /// <summary>Buttons of the /huydangky confirmation.</summary>
    public const string ButtonPrefix = "reg:";
    public const string UnregisterYes = "reg:unbind:yes";
    public const string UnregisterNo = "reg:unbind:no";

    public async Task<Reply> RegisterAsync(Turn turn, string code, CancellationToken ct)
    {
        code = code.Trim();
        if (code.Length == 0)
        {
            return new Reply(RegistrationTexts.CodeMissing);
        }

        // The platform's display name; never the chat id (others of the unit see this name on changes they did not make).
        var name = turn.Message.DisplayName ?? string.Empty;
        // Longer than any code: refused as a wrong code without asking the directory.
        var result = code.Length > 64
            ? new RedeemResult(RedeemOutcome.InvalidCode)
            : await directory.RedeemInviteAsync(turn.Channel, turn.UserId, name, code, ct).ConfigureAwait(false);
        if (result.Outcome != RedeemOutcome.Bound)
        {
            // Repeated wrong codes are also slowed down inside the directory; the log lets an admin see guessing.
            logger.LogWarning("Invite redemption by {Key} failed: {Outcome}", Hosting.LogPseudonym.Of(turn.ConversationKey), result.Outcome);
            return new Reply(RegistrationTexts.Redeemed(result));
        }

        var who = result.Caller is { } caller ? RegistrationTexts.Describe(caller) : string.Empty;
        if (result.Caller is { Roles.Count: > 1 })
        {
            who += "\n" + RegistrationTexts.KeptEarlierRoles;
        }
        return new Reply($"{RegistrationTexts.Redeemed(result)}\n{who}".Trim(), [[new ReplyButton("Xem hướng dẫn", "cmd:trogiup")]]);
    }

    public static Reply WhoAmI(Caller caller) =>
        new(caller.Roles.Count == 0 ? RegistrationTexts.NotRegistered : RegistrationTexts.Describe(caller));

    /// <summary>/huydangky asks first: losing a role by a typo would stop a focal point from filing.</summary>
    public static DialogueResult AskToUnregister(Caller caller, ConversationState state) =>
        DialogueResult.Of(state, caller.Roles.Count == 0
            ? new Reply(RegistrationTexts.NothingToUnregister)
            : new Reply(RegistrationTexts.ConfirmUnregister(caller),
                [[new ReplyButton("Hủy đăng ký", UnregisterYes), new ReplyButton("Không, giữ lại", UnregisterNo)]]));

    public async Task<DialogueResult> ButtonAsync(Turn turn, Caller caller, ConversationState state, string data, CancellationToken ct)
    {
        if (data != UnregisterYes)
        {
            return DialogueResult.Of(state, new Reply(data == UnregisterNo ? RegistrationTexts.KeptRegistration : CommonTexts.BadButton));
        }

        if (caller.Roles.Count == 0)
        {
            return DialogueResult.Of(state, new Reply(RegistrationTexts.NothingToUnregister));
        }

        var removed = await directory.UnbindAsync(caller, turn.Channel, turn.UserId, ct).ConfigureAwait(false);
        return removed
            ? new DialogueResult([new Reply(RegistrationTexts.Unregistered)], ConversationState.Empty)
            : DialogueResult.Of(state, new Reply(RegistrationTexts.UnregisterFailed));
    }
}
