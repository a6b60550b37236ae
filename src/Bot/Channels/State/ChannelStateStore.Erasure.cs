using DtsAssistant.Bot.Conversation.Privacy;

namespace DtsAssistant.Bot.Channels.State;

/// <summary>/xoadulieu: what the channel state keeps about one chat account goes with the rest of the person's data.</summary>
internal sealed partial class ChannelStateStore
{
    /// <summary>
    /// Deletes the chat's handled updates (their payloads hold the text and the ids), button tokens, numbered choices
    /// and reachability marks. The update being handled right now stays until it is done and pruned with the others.
    /// The file runs with <c>secure_delete</c>, so the deleted rows are overwritten, not just unlinked.
    /// </summary>
    public int ForgetChat(string channel, string chat)
    {
        SetBlocked(channel, chat, blocked: false);
        var removed = 0;
        lock (_gate)
        {
            foreach (var (sql, args) in new (string, (string, object)[])[]
            {
                ("DELETE FROM inbox WHERE channel = $c AND chat = $chat AND done_at IS NOT NULL", [("$c", channel), ("$chat", chat)]),
                ("DELETE FROM button_tokens WHERE chat = $chat", [("$chat", chat)]),
                ("DELETE FROM choices WHERE channel = $c AND chat = $chat", [("$c", channel), ("$chat", chat)]),
                ("DELETE FROM undeliverable WHERE channel = $c AND chat = $chat", [("$c", channel), ("$chat", chat)]),
            })
            {
                using var command = _connection.Command(sql, args);
                removed += command.ExecuteNonQuery();
            }
        }
        return removed;
    }
}

/// <summary>Erases a chat account's traces in the channel state file when the person asks for their data to be erased.</summary>
internal sealed class ChannelStateDataEraser(ChannelStateStore store) : IChannelDataEraser
{
    public Task EraseAsync(string channel, string userId, CancellationToken ct)
    {
        store.ForgetChat(channel, userId);
        return Task.CompletedTask;
    }
}
