using System.Security.Cryptography;
using DtsAssistant.Bot.Channels.State;
using Microsoft.Data.Sqlite;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>One entry of a web conversation as the page shows it again after a reload.</summary>
internal sealed record WebHistoryEntry(string From, string Json);

/// <summary>
/// Web chat sessions and their history, in two tables of the channels' state file (its own connection; WAL lets it
/// share the file). The browser holds a random 256-bit token in an HttpOnly cookie; only its SHA-256 is stored, so a
/// copy of the file does not give anyone a usable session. Each session has its own server-chosen user id: the
/// identity the conversation core sees, which no client can choose.
/// </summary>
internal sealed class WebSessionStore : IDisposable
{
    /// <summary>Entries kept per session; older ones are dropped as new ones arrive.</summary>
    public const int HistoryLimit = 200;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleLifetime;
    private readonly Lock _gate = new();

    public WebSessionStore(string path, TimeProvider time, TimeSpan idleLifetime)
    {
        _time = time;
        _idleLifetime = idleLifetime;
        _connection = SqliteCommands.OpenOwnerOnly(path);
        _connection.Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            PRAGMA secure_delete = ON;
            CREATE TABLE IF NOT EXISTS web_sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS web_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL,
                sender TEXT NOT NULL, json TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS web_history_user ON web_history (user_id, seq);
            """);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A new session: the token for the cookie and the user id behind it.</summary>
    public (string Token, string UserId) Create()
    {
        var token = SessionTokens.New();
        var userId = "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            using var command = _connection.Command("INSERT INTO web_sessions (token_hash, user_id, created_at, seen_at) VALUES ($h, $u, $t, $t)",
                ("$h", SessionTokens.Hash(token)), ("$u", userId), ("$t", Now));
            command.ExecuteNonQuery();
        }
        return (token, userId);
    }

    /// <summary>The user id of a live session, or null for an unknown, malformed or expired token. Refreshes its idle time.</summary>
    public string? Find(string? token)
    {
        if (token is not { Length: 43 } || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }
        lock (_gate)
        {
            var hash = SessionTokens.Hash(token);
            using var find = _connection.Command("SELECT user_id, seen_at FROM web_sessions WHERE token_hash = $h", ("$h", hash));
            using var reader = find.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }
            var userId = reader.GetString(0);
            var seen = reader.GetInt64(1);
            reader.Close();
            if (Now - seen > (long)_idleLifetime.TotalMilliseconds)
            {
                DeleteUserLocked(userId);
                return null;
            }
            // Written at most once a minute per session: the idle clock does not need more.
            if (Now - seen > 60_000)
            {
                using var touch = _connection.Command("UPDATE web_sessions SET seen_at = $t WHERE token_hash = $h", ("$t", Now), ("$h", hash));
                touch.ExecuteNonQuery();
            }
            return userId;
        }
    }

    public void Append(string userId, IEnumerable<WebHistoryEntry> entries)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            // Only for a live session: after /xoadulieu the reply to it must not start a new history.
            using var insert = _connection.Command("""
                INSERT INTO web_history (user_id, sender, json, at)
                SELECT $u, $s, $j, $t WHERE EXISTS (SELECT 1 FROM web_sessions WHERE user_id = $u)
                """,
                ("$u", userId), ("$s", ""), ("$j", ""), ("$t", Now));
            insert.Transaction = transaction;
            foreach (var entry in entries)
            {
                insert.Parameters["$s"].Value = entry.From;
                insert.Parameters["$j"].Value = entry.Json;
                insert.ExecuteNonQuery();
            }
            using var trim = _connection.Command("""
                DELETE FROM web_history WHERE user_id = $u AND seq <= (
                    SELECT seq FROM web_history WHERE user_id = $u ORDER BY seq DESC LIMIT 1 OFFSET $n)
                """, ("$u", userId), ("$n", HistoryLimit));
            trim.Transaction = transaction;
            trim.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>The session's conversation, oldest first.</summary>
    public IReadOnlyList<WebHistoryEntry> History(string userId)
    {
        lock (_gate)
        {
            using var command = _connection.Command("SELECT sender, json FROM web_history WHERE user_id = $u ORDER BY seq", ("$u", userId));
            using var reader = command.ExecuteReader();
            var entries = new List<WebHistoryEntry>();
            while (reader.Read())
            {
                entries.Add(new WebHistoryEntry(reader.GetString(0), reader.GetString(1)));
            }
            return entries;
        }
    }

    /// <summary>
    /// Reads the session's entries from one sender, newest first, until <paramref name="pick"/> gives an answer for one
    /// (the rest of the history is not read).
    /// </summary>
    public string? FindNewest(string userId, string from, Func<string, string?> pick)
    {
        lock (_gate)
        {
            using var command = _connection.Command("SELECT json FROM web_history WHERE user_id = $u AND sender = $s ORDER BY seq DESC",
                ("$u", userId), ("$s", from));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (pick(reader.GetString(0)) is { } found)
                {
                    return found;
                }
            }
            return null;
        }
    }

    /// <summary>Forgets a session and its history (personal-data erasure; expiry).</summary>
    public void DeleteUser(string userId)
    {
        lock (_gate)
        {
            DeleteUserLocked(userId);
        }
    }

    /// <summary>Drops sessions idle for longer than their lifetime, with their history.</summary>
    public int PruneExpired()
    {
        lock (_gate)
        {
            var cutoff = Now - (long)_idleLifetime.TotalMilliseconds;
            using var history = _connection.Command("DELETE FROM web_history WHERE user_id IN (SELECT user_id FROM web_sessions WHERE seen_at < $c)", ("$c", cutoff));
            history.ExecuteNonQuery();
            using var sessions = _connection.Command("DELETE FROM web_sessions WHERE seen_at < $c", ("$c", cutoff));
            return sessions.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private void DeleteUserLocked(string userId)
    {
        using var history = _connection.Command("DELETE FROM web_history WHERE user_id = $u", ("$u", userId));
        history.ExecuteNonQuery();
        using var session = _connection.Command("DELETE FROM web_sessions WHERE user_id = $u", ("$u", userId));
        session.ExecuteNonQuery();
    }
}
