using System.Text.Json;
using System.Text.Json.Serialization;
using DtsAssistant.Bot.Caching;
using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DtsAssistant.Bot.Conversation.State;

/// <summary>
/// Persists <see cref="ConversationState"/> as JSON in the reporting database (table conversation_states), so a paused
/// or interrupted filing resumes after a restart and several replicas can share conversations. The table is ours, not
/// part of the reporting model: it is created with portable SQL (SQLite and PostgreSQL) on first use. Inside a message's
/// <see cref="SharedTransaction"/> the write commits with the message's other effects (<see cref="HandledUpdates"/>).
/// On SQLite (one process) the state this process last committed is remembered (states are immutable records), so a
/// message reads the table only for a conversation this process has not seen recently (at most 20,000 are remembered,
/// and idle ones expire). On PostgreSQL nothing is remembered: another replica may have moved the conversation on.
/// </summary>
internal sealed class ConversationStateStore(ReportingDatabase database, TimeProvider clock) : IDisposable
{
    private readonly PlainTable _table = new(database,
        """
        CREATE TABLE IF NOT EXISTS conversation_states (
            conversation_key VARCHAR(200) NOT NULL PRIMARY KEY,
            state TEXT NOT NULL,
            updated_at BIGINT NOT NULL)
        """);

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>At most this many conversations' states are remembered; beyond it the least recently used go.</summary>
    private const int MaxRemembered = 20_000;

    /// <summary>A state not used for this long is forgotten (the next message reads the table).</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache remembered = BoundedMemoryCache.Create(clock, MaxRemembered);

    private bool Remembers => database.Provider == DatabaseProvider.Sqlite;

    public async Task<ConversationState> LoadAsync(string conversationKey, CancellationToken ct)
    {
        if (Remembers && remembered.TryGetValue(conversationKey, out ConversationState? known))
        {
            return known!;
        }

        await _table.EnsureAsync(ct).ConfigureAwait(false);
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        var json = await db.ScalarAsync("SELECT state FROM conversation_states WHERE conversation_key = @key", ct, ("key", conversationKey))
            .ConfigureAwait(false) as string;
        var state = json is null ? ConversationState.Empty : JsonSerializer.Deserialize<ConversationState>(json, Json) ?? ConversationState.Empty;
        if (SharedTransaction.Current is not { HasWrites: true })
        {
            // (Within a transaction that wrote, what was read may still roll back.)
            Remember(conversationKey, state);
        }

        return state;
    }

    public async Task SaveAsync(string conversationKey, ConversationState state, CancellationToken ct)
    {
        // Forget first: if the write fails, the next message reads what the table really holds.
        remembered.Remove(conversationKey);
        await _table.EnsureAsync(ct).ConfigureAwait(false);
        var json = state.IsEmpty ? null : JsonSerializer.Serialize(state, Json);
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var write = await database.BeginWriteAsync(db, ct).ConfigureAwait(false);
        if (json is null)
        {
            await db.ExecuteAsync("DELETE FROM conversation_states WHERE conversation_key = @key", ct, ("key", conversationKey)).ConfigureAwait(false);
        }
        else
        {
            await db.ExecuteAsync(
                """
                INSERT INTO conversation_states (conversation_key, state, updated_at) VALUES (@key, @state, @at)
                ON CONFLICT (conversation_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """,
                ct, ("key", conversationKey), ("state", json), ("at", clock.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
        }

        await write.CommitAsync(ct).ConfigureAwait(false);
        var saved = state.IsEmpty ? ConversationState.Empty : state;
        if (SharedTransaction.Current is { } shared)
        {
            // Durable only when the message's transaction commits; a rollback leaves it forgotten.
            shared.OnCommitted(() => Remember(conversationKey, saved));
        }
        else
        {
            Remember(conversationKey, saved);
        }
    }

    private void Remember(string conversationKey, ConversationState state)
    {
        if (Remembers)
        {
            remembered.Put(conversationKey, state, idle: Idle);
        }
    }

    public void Dispose() => remembered.Dispose();
}
