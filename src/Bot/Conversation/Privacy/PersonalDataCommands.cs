using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Reporting.Privacy;

namespace DtsAssistant.Bot.Conversation.Privacy;

/// <summary>What a channel keeps about a chat account outside the reporting database (e.g. the web chat's history).</summary>
internal interface IChannelDataEraser
{
    Task EraseAsync(string channel, string userId, CancellationToken ct);
}

/// <summary>
/// /dulieucuatoi shows what is held about the person; /xoadulieu asks first, then erases their identifiers and name
/// (reports stay with the unit), the conversation state, and what channels keep about the account.
/// </summary>
internal sealed class PersonalDataCommands(IPersonalDataService data, IEnumerable<IChannelDataEraser> channels, ILogger<PersonalDataCommands> logger)
{
    public const string ButtonPrefix = "pd:";
    public const string EraseYes = "pd:erase:yes";
    public const string EraseNo = "pd:erase:no";

    public async Task<Reply> ViewAsync(Turn turn, CancellationToken ct) =>
        new(PersonalDataTexts.View(await data.ViewAsync(turn.Channel, turn.UserId, ct).ConfigureAwait(false)));

    public static Reply AskToErase() =>
        new(PersonalDataTexts.ConfirmErase, [[new ReplyButton("Xóa dữ liệu của tôi", EraseYes), new ReplyButton("Không, giữ lại", EraseNo)]]);

    public async Task<DialogueResult> ButtonAsync(Turn turn, ConversationState state, string button, CancellationToken ct)
    {
        if (button != EraseYes)
        {
            return DialogueResult.Of(state, new Reply(button == EraseNo ? PersonalDataTexts.Kept : CommonTexts.BadButton));
        }
        var result = await data.EraseAsync(turn.Channel, turn.UserId, ct).ConfigureAwait(false);
        foreach (var channel in channels)
        {
            await channel.EraseAsync(turn.Channel, turn.UserId, ct).ConfigureAwait(false);
        }
        logger.LogInformation("Personal data erased on request: {Identities} accounts, {Rows} rows rewritten", result.IdentitiesRemoved, result.RowsRewritten);
        // The empty state deletes this conversation's row (its key holds the account id).
        return new DialogueResult([new Reply(result.Erased ? PersonalDataTexts.Erased : PersonalDataTexts.NothingToErase)], ConversationState.Empty);
    }
}
