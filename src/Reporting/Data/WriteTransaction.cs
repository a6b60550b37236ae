using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Reporting.Data;

/// <summary>A transaction from <see cref="ReportingDatabase.BeginWriteAsync"/>: disposing it rolls back what was not committed and gives up the turn to write.</summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _transaction;
    private readonly DbTransaction? _shared;
    private readonly string? _savepoint;
    private SemaphoreSlim? _gate;
    private bool _done;

    internal WriteTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, SemaphoreSlim? gate)
    {
        _transaction = transaction;
        _gate = gate;
    }

    /// <summary>A savepoint in a <see cref="SharedTransaction"/>: committing keeps the work for the shared commit.</summary>
    internal WriteTransaction(DbTransaction shared, string savepoint)
    {
        _shared = shared;
        _savepoint = savepoint;
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            return;
        }

        await _shared!.ReleaseAsync(_savepoint!, ct);
        _done = true;
    }

    public async Task RollbackAsync(CancellationToken ct = default)
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(ct);
            return;
        }

        await _shared!.RollbackAsync(_savepoint!, ct);
        _done = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }
            else if (!_done && _shared?.Connection is not null)
            {
                // Not committed: undo this part only; the shared transaction goes on.
                await _shared.RollbackAsync(_savepoint!);
            }
        }
        finally
        {
            Interlocked.Exchange(ref _gate, null)?.Release();
        }
    }
}
