using System.Globalization;
using System.Text;
using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Reminders;

/// <summary>
/// The sent log and the mutes, in the reporting database. <see cref="ClaimAsync"/> is the only way to decide that a
/// notice goes out: it inserts the log rows with <c>ON CONFLICT DO NOTHING</c> and returns the ones this call took,
/// so two processes (or a restart) never send the same person the same notice for the same period twice.
/// </summary>
public interface IReminderStore
{
    /// <summary>Claims notices; returns the keys this call inserted (the others were claimed before).</summary>
    Task<IReadOnlySet<(long PersonId, string PeriodKey, NoticeKind Kind)>> ClaimAsync(
        IReadOnlyCollection<(long PersonId, string PeriodKey, NoticeKind Kind)> keys, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Records how a claimed notice went ("sent" or "failed") and on which channel.</summary>
    Task MarkAsync((long PersonId, string PeriodKey, NoticeKind Kind) key, string outcome, string? channel, CancellationToken ct = default);

    /// <summary>Gives a claim back after a failure worth retrying, so a later run may send it.</summary>
    Task ReleaseAsync((long PersonId, string PeriodKey, NoticeKind Kind) key, CancellationToken ct = default);

    /// <summary>Turns a person's reminders off or on; false when it already was so.</summary>
    Task<bool> SetMutedAsync(long personId, bool muted, DateTimeOffset at, CancellationToken ct = default);

    Task<bool> IsMutedAsync(long personId, CancellationToken ct = default);
}

internal sealed class ReminderStore(ReportingDatabase database) : IReminderStore
{
    /// <summary>Rows per INSERT statement (well under SQLite's 32,766 parameters).</summary>
    private const int Batch = 200;

    public async Task<IReadOnlySet<(long PersonId, string PeriodKey, NoticeKind Kind)>> ClaimAsync(
        IReadOnlyCollection<(long PersonId, string PeriodKey, NoticeKind Kind)> keys, DateTimeOffset at, CancellationToken ct = default)
    {
        var claimed = new HashSet<(long, string, NoticeKind)>();
        if (keys.Count == 0)
        {
            return claimed;
        }

        await using var db = await database.OpenAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await database.BeginWriteAsync(db, ct);
        foreach (var chunk in keys.Distinct().Chunk(Batch))
        {
            var sql = new StringBuilder("INSERT INTO reminder_log (\"PersonId\", \"PeriodKey\", \"Kind\", \"ClaimedAt\") VALUES ");
            var parameters = new List<(string, object?)> { ("at", at.ToUnixTimeMilliseconds()) };
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@p{i}, @k{i}, @n{i}, @at)");
                parameters.Add(($"p{i}", chunk[i].PersonId));
                parameters.Add(($"k{i}", chunk[i].PeriodKey));
                parameters.Add(($"n{i}", chunk[i].Kind.ToString()));
            }

            sql.Append(" ON CONFLICT DO NOTHING RETURNING \"PersonId\", \"PeriodKey\", \"Kind\"");
            await using var command = db.Command(sql.ToString(), [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                claimed.Add((reader.GetInt64(0), reader.GetString(1), Enum.Parse<NoticeKind>(reader.GetString(2))));
            }
        }

        await transaction.CommitAsync(ct);
        return claimed;
    }

    public async Task MarkAsync((long PersonId, string PeriodKey, NoticeKind Kind) key, string outcome, string? channel, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await database.BeginWriteAsync(db, ct);
        await db.ExecuteAsync("UPDATE reminder_log SET \"Outcome\" = @o, \"Channel\" = @c WHERE \"PersonId\" = @p AND \"PeriodKey\" = @k AND \"Kind\" = @n", ct,
            ("o", outcome), ("c", channel), ("p", key.PersonId), ("k", key.PeriodKey), ("n", key.Kind.ToString()));
        await transaction.CommitAsync(ct);
    }

    public async Task ReleaseAsync((long PersonId, string PeriodKey, NoticeKind Kind) key, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await database.BeginWriteAsync(db, ct);
        await db.ExecuteAsync("DELETE FROM reminder_log WHERE \"PersonId\" = @p AND \"PeriodKey\" = @k AND \"Kind\" = @n", ct,
            ("p", key.PersonId), ("k", key.PeriodKey), ("n", key.Kind.ToString()));
        await transaction.CommitAsync(ct);
    }

    public async Task<bool> SetMutedAsync(long personId, bool muted, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await database.BeginWriteAsync(db, ct);
        var changed = muted
            ? await db.ExecuteAsync("INSERT INTO reminder_mutes (\"PersonId\", \"MutedAt\") VALUES (@p, @at) ON CONFLICT DO NOTHING", ct,
                ("p", personId), ("at", at.ToUnixTimeMilliseconds()))
            : await db.ExecuteAsync("DELETE FROM reminder_mutes WHERE \"PersonId\" = @p", ct, ("p", personId));
        await transaction.CommitAsync(ct);
        return changed > 0;
    }

    public async Task<bool> IsMutedAsync(long personId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.ReminderMutes.AsNoTracking().AnyAsync(m => m.PersonId == personId, ct);
    }
}
