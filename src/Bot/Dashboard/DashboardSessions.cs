using DtsAssistant.Bot.Channels.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Dashboard;

/// <summary>Settings of the dashboard (section "Dashboard").</summary>
internal sealed class DashboardOptions
{
    /// <summary>The dashboard's own SQLite file: sign-in links and sessions (hashes only), shared by every process.</summary>
    public string StatePath { get; set; } = Path.Combine("data", "dashboard.db");

    /// <summary>How long a sign-in link from chat can be used (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a browser stays signed in after using a link.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>The chat identity a link or session was made for; its roles are looked up again on every request.</summary>
internal sealed record DashboardIdentity(string Channel, string UserId);

/// <summary>
/// One-time sign-in links and browser sessions. Tokens are 256 random bits; only their SHA-256 is stored, so the file
/// gives no way in. A link is taken with DELETE ... RETURNING: used once even with two processes on the same file.
/// The file is opened on first use, so hosts that never sign anyone in create nothing; like the channels' own files it
/// is readable by its owner only, and deleted rows are overwritten (secure_delete).
/// </summary>
internal sealed class DashboardSessions(IOptions<DashboardOptions> options, TimeProvider clock)
{
    private readonly Lazy<string> _path = new(() => Create(options.Value.StatePath));

    public TimeSpan LinkLifetime => options.Value.LinkLifetime;

    /// <summary>A new sign-in link token for this chat identity.</summary>
    public string CreateLink(DashboardIdentity identity)
    {
        var token = SessionTokens.New();
        var now = clock.GetUtcNow();
        Execute("DELETE FROM links WHERE expires_at < $now; DELETE FROM sessions WHERE expires_at < $now;", ("$now", now.ToUnixTimeMilliseconds()));
        Execute("INSERT INTO links (hash, channel, user_id, expires_at) VALUES ($h, $c, $u, $e)",
            ("$h", SessionTokens.Hash(token)), ("$c", identity.Channel), ("$u", identity.UserId), ("$e", (now + options.Value.LinkLifetime).ToUnixTimeMilliseconds()));
        return token;
    }

    /// <summary>Uses a link: a new session token, or null when the link is unknown, already used or expired.</summary>
    public string? Redeem(string? linkToken)
    {
        if (string.IsNullOrEmpty(linkToken) || linkToken.Length > 100)
        {
            return null;
        }

        var taken = Take("DELETE FROM links WHERE hash = $h RETURNING channel, user_id, expires_at", SessionTokens.Hash(linkToken));
        if (taken is not { } link || link.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }

        var session = SessionTokens.New();
        Execute("INSERT INTO sessions (hash, channel, user_id, expires_at) VALUES ($h, $c, $u, $e)",
            ("$h", SessionTokens.Hash(session)), ("$c", link.Identity.Channel), ("$u", link.Identity.UserId),
            ("$e", (clock.GetUtcNow() + options.Value.SessionLifetime).ToUnixTimeMilliseconds()));
        return session;
    }

    /// <summary>Whether a link can still be used, without using it (the confirmation page).</summary>
    public bool IsLinkValid(string? linkToken) =>
        !string.IsNullOrEmpty(linkToken) && linkToken.Length <= 100
        && Take("SELECT channel, user_id, expires_at FROM links WHERE hash = $h", SessionTokens.Hash(linkToken)) is { } link
        && link.ExpiresAt > clock.GetUtcNow();

    /// <summary>Who a session cookie belongs to, or null when it is unknown or expired.</summary>
    public DashboardIdentity? Find(string? sessionToken) =>
        !string.IsNullOrEmpty(sessionToken) && sessionToken.Length <= 100
        && Take("SELECT channel, user_id, expires_at FROM sessions WHERE hash = $h", SessionTokens.Hash(sessionToken)) is { } session
        && session.ExpiresAt > clock.GetUtcNow()
            ? session.Identity
            : null;

    private (DashboardIdentity Identity, DateTimeOffset ExpiresAt)? Take(string sql, string hash)
    {
        using var connection = Connect();
        using var command = connection.Command(sql, ("$h", hash));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (new DashboardIdentity(reader.GetString(0), reader.GetString(1)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Connect();
        using var command = connection.Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>A connection to the file (owner-only, as the channels' own files; deleted rows are overwritten).</summary>
    private SqliteConnection Connect()
    {
        var connection = SqliteCommands.OpenOwnerOnly(_path.Value);
        connection.DefaultTimeout = 10;
        connection.Execute("PRAGMA secure_delete = ON;");
        return connection;
    }

    private static string Create(string path)
    {
        using var connection = SqliteCommands.OpenOwnerOnly(path);
        connection.Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS links (hash TEXT PRIMARY KEY, channel TEXT NOT NULL, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS sessions (hash TEXT PRIMARY KEY, channel TEXT NOT NULL, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
            """);
        return path;
    }
}
