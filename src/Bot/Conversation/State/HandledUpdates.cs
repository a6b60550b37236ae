using System.Text.Json;
using System.Text.Json.Serialization;
using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Conversation.State;

/// <summary>
/// Exactly-once handling of a redelivered update. Everything one message writes (answers, conversation state) runs in
/// one <see cref="SharedTransaction"/> of the reporting database, and when the message carries a platform id
/// (<see cref="Delivery"/>) the id and the replies produced are written in that same transaction (table
/// handled_updates). If the process dies after the commit but before the replies were sent, the channel inbox runs the
/// update again at the next start: this finds the id and returns the stored replies without handling it a second time.
/// A message that wrote nothing (a question) is not recorded: running it again changes nothing.
/// On PostgreSQL the transaction also takes an advisory lock on the conversation, so replicas sharing the database
/// handle one conversation's messages one at a time.
/// </summary>
internal sealed class HandledUpdates(ReportingDatabase database, TimeProvider clock, ILogger<HandledUpdates> logger)
{
    private readonly PlainTable _table = new(database,
        """
        CREATE TABLE IF NOT EXISTS handled_updates (
            delivery VARCHAR(200) NOT NULL PRIMARY KEY,
            conversation_key VARCHAR(200) NOT NULL,
            replies TEXT NOT NULL,
            handled_at BIGINT NOT NULL)
        """);

    /// <summary>Recorded updates are kept this long (the channel inbox redelivers within its own 48 h).</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        IgnoreReadOnlyProperties = true,
    };

    private long nextPruneTicks;

    /// <summary>Test hook: runs after the commit, before the replies go back to the channel (a crash there is the case this class exists for).</summary>
    internal Func<CancellationToken, Task>? AfterCommit { get; set; }

    public async Task<IReadOnlyList<Reply>> RunAsync(string conversationKey, Func<CancellationToken, Task<IReadOnlyList<Reply>>> handle,
        CancellationToken ct)
    {
        var delivery = Delivery.Current;
        var started = false;
        IReadOnlyList<Reply> replies;
        try
        {
            await _table.EnsureAsync(ct).ConfigureAwait(false);
            replies = await database.InSharedTransactionAsync(async (shared, token) =>
            {
                started = true;
                return await HandleOnceAsync(shared, conversationKey, delivery, handle, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (!started && exception is not OperationCanceledException)
        {
            // The reporting database is down: the core still answers plan questions (and says filing is unavailable).
            logger.LogWarning(exception, "Reporting database unavailable; handling {Key} without a transaction", Hosting.LogPseudonym.Of(conversationKey));
            return await handle(ct).ConfigureAwait(false);
        }

        if (AfterCommit is { } fault)
        {
            await fault(ct).ConfigureAwait(false);
        }

        try
        {
            await PruneNowAndThenAsync(ct).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException exception)
        {
            logger.LogWarning(exception, "Could not prune old handled updates; trying again later");
        }

        return replies;
    }

    private async Task<IReadOnlyList<Reply>> HandleOnceAsync(SharedTransaction shared, string conversationKey, string? delivery,
        Func<CancellationToken, Task<IReadOnlyList<Reply>>> handle, CancellationToken token)
    {
        await shared.LockAsync(conversationKey, token).ConfigureAwait(false);
        if (delivery is not null && await FindAsync(shared, delivery, token).ConfigureAwait(false) is { } stored)
        {
            logger.LogInformation("Update {Delivery} was handled before a restart; sending its stored replies again", delivery);
            return stored;
        }

        var produced = await handle(token).ConfigureAwait(false);
        if (delivery is not null && shared.HasWrites)
        {
            await using var record = shared.Command(
                "INSERT INTO handled_updates (delivery, conversation_key, replies, handled_at) VALUES (@delivery, @key, @replies, @at)",
                ("delivery", delivery), ("key", conversationKey), ("replies", JsonSerializer.Serialize(produced, Json)),
                ("at", clock.GetUtcNow().ToUnixTimeMilliseconds()));
            await record.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }

        await shared.CommitAsync(token).ConfigureAwait(false);
        return produced;
    }

    private static async Task<IReadOnlyList<Reply>?> FindAsync(SharedTransaction shared, string delivery, CancellationToken ct)
    {
        await using var find = shared.Command("SELECT replies FROM handled_updates WHERE delivery = @delivery", ("delivery", delivery));
        return await find.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<List<Reply>>(json, Json) ?? []
            : null;
    }

    /// <summary>About once an hour, forgets records older than <see cref="Retention"/>.</summary>
    private async Task PruneNowAndThenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var next = Interlocked.Read(ref nextPruneTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref nextPruneTicks, now.AddHours(1).UtcTicks, next) != next)
        {
            return;
        }

        await using var db = await database.OpenAsync(ct).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var write = await database.BeginWriteAsync(db, ct).ConfigureAwait(false);
        await db.ExecuteAsync("DELETE FROM handled_updates WHERE handled_at < @before", ct,
            ("before", (now - Retention).ToUnixTimeMilliseconds())).ConfigureAwait(false);
        await write.CommitAsync(ct).ConfigureAwait(false);
    }
}
