using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Conversation.State;

/// <summary>
/// A table of the conversation layer kept in the reporting database but outside its EF model, created with portable
/// SQL (SQLite and PostgreSQL) on first use, once per process, and outside any message's transaction so that it never
/// rolls back with one.
/// </summary>
internal sealed class PlainTable(ReportingDatabase database, string createSql)
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                using var outside = SharedTransaction.Detach();
                // OpenAsync migrates the reporting schema first (and switches SQLite to WAL).
                await using var db = await database.OpenAsync(ct).ConfigureAwait(false);
                await db.Database.ExecuteSqlRawAsync(createSql, ct).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }
}
