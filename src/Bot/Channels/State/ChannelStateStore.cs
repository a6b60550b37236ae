using System.Text.Json;
using DtsAssistant.Bot.Conversation;
using Microsoft.Data.Sqlite;

namespace DtsAssistant.Bot.Channels.State;

/// <summary>One update waiting in (or done with) a channel's durable inbox.</summary>
internal sealed record InboxItem(string Channel, string Id, string ChatKey, string Payload);

/// <summary>
/// The channels' own small SQLite file: polling offset, the durable inbox (which doubles as the duplicate filter),
/// blocked chats, button tokens, numbered choices and OAuth tokens. Everything here must survive a restart, and
/// nothing here belongs in the reporting database. One connection behind a lock: every operation is a few
/// microseconds, and it keeps writes serialized without busy-retries.
/// </summary>
internal sealed partial class ChannelStateStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public ChannelStateStore(string path, TimeProvider time)
    {
        _time = time;
        _connection = SqliteCommands.OpenOwnerOnly(path);
        _connection.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA secure_delete = ON;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS inbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                channel TEXT NOT NULL, id TEXT NOT NULL, chat TEXT NOT NULL, payload TEXT NOT NULL,
                received_at INTEGER NOT NULL, done_at INTEGER NULL,
                UNIQUE (channel, id));
            CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (channel, done_at);
            CREATE TABLE IF NOT EXISTS blocked (channel TEXT NOT NULL, chat TEXT NOT NULL, at INTEGER NOT NULL,
                PRIMARY KEY (channel, chat));
            CREATE TABLE IF NOT EXISTS button_tokens (token TEXT PRIMARY KEY, chat TEXT NOT NULL, data TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS choices (channel TEXT NOT NULL, chat TEXT NOT NULL, options TEXT NOT NULL,
                PRIMARY KEY (channel, chat));
            CREATE TABLE IF NOT EXISTS undeliverable (channel TEXT NOT NULL, chat TEXT NOT NULL, reason TEXT NOT NULL,
                since INTEGER NOT NULL, last_at INTEGER NOT NULL, messages INTEGER NOT NULL, last_text TEXT NOT NULL,
                PRIMARY KEY (channel, chat));
            """);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public string? Get(string key)
    {
        lock (_gate)
        {
            using var command = _connection.Command("SELECT value FROM kv WHERE key = $k", ("$k", key));
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>Writes several values in one transaction, so a pair such as access + refresh token never half-changes.</summary>
    public void Set(params (string Key, string Value)[] values)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var (key, value) in values)
            {
                using var command = _connection.Command("INSERT INTO kv (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v",
                    ("$k", key), ("$v", value));
                command.Transaction = transaction;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>
    /// Stores new updates in the inbox and, in the same transaction, optional state such as the polling offset.
    /// Returns only the items that were not seen before: this is the duplicate filter.
    /// </summary>
    public IReadOnlyList<InboxItem> AddToInbox(IReadOnlyList<InboxItem> items, params (string Key, string Value)[] alsoSet)
    {
        var added = new List<InboxItem>(items.Count);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.Command("""
                INSERT INTO inbox (channel, id, chat, payload, received_at) VALUES ($c, $i, $chat, $p, $t)
                ON CONFLICT (channel, id) DO NOTHING
                """, ("$c", ""), ("$i", ""), ("$chat", ""), ("$p", ""), ("$t", 0L));
            insert.Transaction = transaction;
            foreach (var item in items)
            {
                insert.Parameters["$c"].Value = item.Channel;
                insert.Parameters["$i"].Value = item.Id;
                insert.Parameters["$chat"].Value = item.ChatKey;
                insert.Parameters["$p"].Value = item.Payload;
                insert.Parameters["$t"].Value = Now;
                if (insert.ExecuteNonQuery() == 1)
                {
                    added.Add(item);
                }
            }
            foreach (var (key, value) in alsoSet)
            {
                using var command = _connection.Command("INSERT INTO kv (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = $v",
                    ("$k", key), ("$v", value));
                command.Transaction = transaction;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        return added;
    }

    public IReadOnlyList<InboxItem> PendingInbox(string channel)
    {
        lock (_gate)
        {
            using var command = _connection.Command("SELECT id, chat, payload FROM inbox WHERE channel = $c AND done_at IS NULL ORDER BY seq",
                ("$c", channel));
            using var reader = command.ExecuteReader();
            var items = new List<InboxItem>();
            while (reader.Read())
            {
                items.Add(new InboxItem(channel, reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
            return items;
        }
    }

    public void MarkDone(InboxItem item)
    {
        lock (_gate)
        {
            using var command = _connection.Command("UPDATE inbox SET done_at = $t, payload = '' WHERE channel = $c AND id = $i",
                ("$t", Now), ("$c", item.Channel), ("$i", item.Id));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets handled ids older than the retention; platforms only redeliver within minutes to hours.</summary>
    public int PruneInbox(TimeSpan retention)
    {
        lock (_gate)
        {
            using var command = _connection.Command("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < $t",
                ("$t", Now - (long)retention.TotalMilliseconds));
            using var tokens = _connection.Command("DELETE FROM button_tokens WHERE created_at < $t",
                ("$t", Now - (long)TimeSpan.FromDays(30).TotalMilliseconds));
            tokens.ExecuteNonQuery();
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>Asked before every send, so answered from memory: the table is read once and every change goes through <see cref="SetBlocked"/>.</summary>
    public bool IsBlocked(string channel, string chat)
    {
        var blocked = _blocked ?? LoadBlocked();
        return blocked.ContainsKey((channel, chat));
    }

    public void SetBlocked(string channel, string chat, bool blocked)
    {
        lock (_gate)
        {
            using var command = blocked
                ? _connection.Command("INSERT INTO blocked (channel, chat, at) VALUES ($c, $chat, $t) ON CONFLICT DO NOTHING",
                    ("$c", channel), ("$chat", chat), ("$t", Now))
                : _connection.Command("DELETE FROM blocked WHERE channel = $c AND chat = $chat", ("$c", channel), ("$chat", chat));
            command.ExecuteNonQuery();
            var known = _blocked ?? LoadBlockedLocked();
            if (blocked)
            {
                known[(channel, chat)] = true;
            }
            else
            {
                known.TryRemove((channel, chat), out _);
            }
        }
    }

    private System.Collections.Concurrent.ConcurrentDictionary<(string Channel, string Chat), bool>? _blocked;

    private System.Collections.Concurrent.ConcurrentDictionary<(string Channel, string Chat), bool> LoadBlocked()
    {
        lock (_gate)
        {
            return _blocked ?? LoadBlockedLocked();
        }
    }

    private System.Collections.Concurrent.ConcurrentDictionary<(string Channel, string Chat), bool> LoadBlockedLocked()
    {
        var blocked = new System.Collections.Concurrent.ConcurrentDictionary<(string Channel, string Chat), bool>();
        using (var command = _connection.Command("SELECT channel, chat FROM blocked"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                blocked[(reader.GetString(0), reader.GetString(1))] = true;
            }
        }

        return _blocked = blocked;
    }

    /// <summary>Keeps a button's data server side and returns a short token that fits Telegram's 64-byte callback_data.</summary>
    public string SaveButton(string chat, string data)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            using var command = _connection.Command("INSERT INTO button_tokens (token, chat, data, created_at) VALUES ($k, $chat, $d, $t)",
                ("$k", token), ("$chat", chat), ("$d", data), ("$t", Now));
            command.ExecuteNonQuery();
        }
        return token;
    }

    /// <summary>The data behind a button token, only for the chat it was sent to.</summary>
    public string? FindButton(string chat, string token)
    {
        lock (_gate)
        {
            using var command = _connection.Command("SELECT data FROM button_tokens WHERE token = $k AND chat = $chat", ("$k", token), ("$chat", chat));
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>Remembers the buttons a text-only channel showed as numbered options, so "2" can be mapped back.</summary>
    public void SetChoices(string channel, string chat, IReadOnlyList<ReplyButton>? options)
    {
        lock (_gate)
        {
            using var command = options is { Count: > 0 }
                ? _connection.Command("INSERT INTO choices (channel, chat, options) VALUES ($c, $chat, $o) ON CONFLICT (channel, chat) DO UPDATE SET options = $o",
                    ("$c", channel), ("$chat", chat), ("$o", JsonSerializer.Serialize(options)))
                : _connection.Command("DELETE FROM choices WHERE channel = $c AND chat = $chat", ("$c", channel), ("$chat", chat));
            command.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<ReplyButton> GetChoices(string channel, string chat)
    {
        lock (_gate)
        {
            using var command = _connection.Command("SELECT options FROM choices WHERE channel = $c AND chat = $chat", ("$c", channel), ("$chat", chat));
            return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<ReplyButton[]>(json) ?? [] : [];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}
