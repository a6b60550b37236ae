using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing.Commands;

/// <summary>
/// What the filing commands share about writing. Each command has one write: a conditional update of the report at the
/// revision the caller holds ("nobody changed it since"). When it changes nothing, the command reloads the report in a
/// write transaction, locked (row lock on PostgreSQL, the write gate on SQLite), decides again on what is stored, and
/// makes the same write at the stored revision.
/// </summary>
internal static class DraftWrite
{
    /// <summary>Attempts for a write that lost a race (the retry reloads and decides again).</summary>
    public const int Attempts = 4;

    /// <summary>A write transaction on a connection kept open for the rest of the context's life (reads after the commit reuse it).</summary>
    public static async Task<WriteTransaction> BeginAsync(ReportingDatabase database, ReportingDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return await database.BeginWriteAsync(db, ct);
    }

    /// <summary>The report kept changing under every attempt (only another process writing to the same SQLite file can cause it).</summary>
    public static InvalidOperationException Exhausted(long reportId) =>
        new($"Report {reportId} changed under each of {Attempts} attempts to write it.");
}
