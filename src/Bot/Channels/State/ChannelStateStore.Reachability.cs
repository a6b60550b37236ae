namespace DtsAssistant.Bot.Channels.State;

/// <summary>Why a chat cannot be reached; the codes are stored, <see cref="Describe"/> words them for Sở staff.</summary>
internal static class Unreachable
{
    /// <summary>Telegram 403: the person blocked the bot.</summary>
    public const string Blocked = "blocked";

    /// <summary>Zalo -230: the person has not written to the OA in the past 7 days.</summary>
    public const string OutsideReplyWindow = "outside_reply_window";

    /// <summary>Zalo -213: the person does not follow the OA.</summary>
    public const string NotFollower = "not_follower";

    public static string Describe(string reason) => reason switch
    {
        Blocked => "đã chặn bot",
        OutsideReplyWindow => "quá 7 ngày chưa nhắn cho OA",
        NotFollower => "chưa quan tâm (theo dõi) OA",
        _ => reason,
    };
}

/// <summary>A chat whose messages cannot be delivered, until the person writes again.</summary>
internal sealed record UnreachableChat(string Channel, string Chat, string Reason, DateTimeOffset Since, DateTimeOffset LastAttempt,
    int UndeliveredMessages, string LastText);

/// <summary>
/// Reachability: who cannot be sent to on a channel (blocked the bot, outside Zalo's reply window, not a follower),
/// for the channels to skip them and for reminders to fall back to another channel the person is registered on.
/// </summary>
internal sealed partial class ChannelStateStore
{
    private const int KeptTextLength = 200;

    /// <summary>Records a message that could not be delivered (the first reason is kept while the chat stays unreachable).</summary>
    public void MarkUndeliverable(string channel, string chat, string reason, string text)
    {
        var kept = text.Length > KeptTextLength ? text[..KeptTextLength] : text;
        lock (_gate)
        {
            using var command = _connection.Command("""
                INSERT INTO undeliverable (channel, chat, reason, since, last_at, messages, last_text) VALUES ($c, $chat, $r, $t, $t, 1, $x)
                ON CONFLICT (channel, chat) DO UPDATE SET last_at = $t, messages = messages + 1, last_text = $x
                """, ("$c", channel), ("$chat", chat), ("$r", reason), ("$t", Now), ("$x", kept));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The person wrote: the chat is reachable again (not blocked, inside the reply window, following).</summary>
    public void MarkReachable(string channel, string chat)
    {
        if (IsBlocked(channel, chat))
        {
            SetBlocked(channel, chat, blocked: false);
        }
        lock (_gate)
        {
            using var command = _connection.Command("DELETE FROM undeliverable WHERE channel = $c AND chat = $chat", ("$c", channel), ("$chat", chat));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>False when a message to this chat would not arrive: for reminders to pick another channel.</summary>
    public bool IsReachable(string channel, string chat)
    {
        if (IsBlocked(channel, chat))
        {
            return false;
        }
        lock (_gate)
        {
            using var command = _connection.Command("SELECT 1 FROM undeliverable WHERE channel = $c AND chat = $chat", ("$c", channel), ("$chat", chat));
            return command.ExecuteScalar() is null;
        }
    }

    /// <summary>Every chat that cannot be reached, on every channel, the longest-unreachable first.</summary>
    public IReadOnlyList<UnreachableChat> UnreachableChats()
    {
        lock (_gate)
        {
            using var command = _connection.Command($"""
                SELECT channel, chat, reason, since, last_at, messages, last_text FROM undeliverable
                UNION ALL
                SELECT channel, chat, '{Unreachable.Blocked}', at, at, 0, '' FROM blocked
                ORDER BY 4, 1, 2
                """);
            using var reader = command.ExecuteReader();
            var chats = new List<UnreachableChat>();
            while (reader.Read())
            {
                chats.Add(new UnreachableChat(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.GetInt32(5), reader.GetString(6)));
            }
            return chats;
        }
    }

    /// <summary>Removes values in one transaction (the CLI's "zalo tokens reset").</summary>
    public int Delete(params string[] keys)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var removed = 0;
            foreach (var key in keys)
            {
                using var command = _connection.Command("DELETE FROM kv WHERE key = $k", ("$k", key));
                command.Transaction = transaction;
                removed += command.ExecuteNonQuery();
            }
            transaction.Commit();
            return removed;
        }
    }
}
