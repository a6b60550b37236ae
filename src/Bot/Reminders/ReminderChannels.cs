using System.Globalization;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Conversation;

namespace DtsAssistant.Bot.Reminders;

/// <summary>A channel that can send a message unasked (a reminder), through its outgoing queue at the bulk rate.</summary>
internal interface IReminderChannel
{
    /// <summary>"telegram", "zalo": as in the chat identities.</summary>
    string Channel { get; }

    /// <summary>False when the person is known to be unreachable here (blocked the bot).</summary>
    bool CanReach(string userId);

    /// <summary>Queues the message and completes when it was delivered; throws <see cref="RecipientBlockedException"/> when blocked.</summary>
    Task SendAsync(string userId, Reply reply, CancellationToken cancellationToken);
}

/// <summary>Telegram: the paced sender with <see cref="SendKind.Bulk"/> (about 30 messages a second overall).</summary>
internal sealed class TelegramReminderChannel(TelegramSender sender, ChannelStateStore store) : IReminderChannel
{
    public string Channel => TelegramSender.Channel;

    public bool CanReach(string userId) => long.TryParse(userId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
        && store.IsReachable(TelegramSender.Channel, userId);

    public Task SendAsync(string userId, Reply reply, CancellationToken cancellationToken) =>
        sender.SendAsync(long.Parse(userId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), reply, SendKind.Bulk, cancellationToken);
}

/// <summary>
/// Zalo OA: the paced sender at the bulk rate. Zalo refuses people outside the reply window or who do not follow the
/// OA; the sender records them as unreachable and returns, so an unreachable person after the send is reported as
/// blocked here, and the dispatcher tries the person's other channel.
/// </summary>
internal sealed class ZaloReminderChannel(ZaloSender sender, ChannelStateStore store) : IReminderChannel
{
    public string Channel => ZaloSender.Channel;

    public bool CanReach(string userId) => store.IsReachable(ZaloSender.Channel, userId);

    public async Task SendAsync(string userId, Reply reply, CancellationToken cancellationToken)
    {
        await sender.SendAsync(userId, reply, SendKind.Bulk, cancellationToken);
        if (!store.IsReachable(ZaloSender.Channel, userId))
        {
            throw new RecipientBlockedException(userId);
        }
    }
}
