using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DtsAssistant.Reporting.Data;

/// <summary>
/// One database transaction around everything a piece of work writes (one chat message: an answer, the conversation
/// state, the record that the message was handled), so either all of it is committed or none. While it is active (it
/// flows with the async call chain), every context <see cref="ReportingDatabase"/> hands out shares its one connection,
/// and <see cref="ReportingDatabase.BeginWriteAsync"/> opens a savepoint in it instead of a transaction of its own:
/// the caller's commit releases the savepoint, its rollback undoes only its part, and nothing is durable until
/// <see cref="CommitAsync"/>.
/// On SQLite the transaction starts at the first write (BEGIN IMMEDIATE, after this process's write gate), so reads
/// before it do not hold the single writer; on PostgreSQL it starts at once.
/// </summary>
public sealed class SharedTransaction : IAsyncDisposable
{
    private static readonly AsyncLocal<SharedTransaction?> Ambient = new();

    private readonly ReportingDatabase _database;
    private readonly DbConnection _connection;
    private readonly Func<DbConnection, ReportingDbContext> _createOn;
    private readonly List<WeakReference<ReportingDbContext>> _contexts = [];
    private readonly List<Action> _onCommitted = [];
    private readonly SharedTransaction? _outer;
    private DbTransaction? _transaction;
    private SemaphoreSlim? _heldGate;
    private int _savepoints;
    private bool _committed;

    private SharedTransaction(ReportingDatabase database, DbConnection connection, Func<DbConnection, ReportingDbContext> createOn)
    {
        _database = database;
        _connection = connection;
        _createOn = createOn;
        _outer = Ambient.Value;
    }

    /// <summary>The transaction of the current async flow, if any.</summary>
    public static SharedTransaction? Current => Ambient.Value;

    /// <summary>True once something was written (the transaction has begun).</summary>
    public bool HasWrites => _transaction is not null;

    internal static async Task<SharedTransaction> BeginAsync(ReportingDatabase database, DbConnection connection,
        Func<DbConnection, ReportingDbContext> createOn, Func<DbConnection, CancellationToken, Task> prepare, CancellationToken ct)
    {
        var shared = new SharedTransaction(database, connection, createOn);
        try
        {
            await connection.OpenAsync(ct);
            await prepare(connection, ct);
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await shared.EnsureTransactionAsync(ct);
            }
        }
        catch
        {
            await shared.DisposeAsync();
            throw;
        }

        return shared;
    }

    /// <summary>Makes this the transaction of the calling async flow (until <see cref="DisposeAsync"/> in that flow).</summary>
    internal void Enter() => Ambient.Value = this;

    /// <summary>Runs <paramref name="action"/> after a successful commit (e.g. to update a cache of what was written).</summary>
    public void OnCommitted(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _onCommitted.Add(action);
    }

    /// <summary>
    /// Takes a lock on <paramref name="key"/> for the rest of the transaction. PostgreSQL: a transaction-level advisory
    /// lock, so replicas handle one conversation in order. SQLite: nothing (one process; callers serialize in memory).
    /// </summary>
    public async Task LockAsync(string key, CancellationToken ct)
    {
        if (_database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        await using var command = Command("SELECT pg_advisory_xact_lock(@key)", ("key", BitConverter.ToInt64(hash, 0)));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A command on the shared connection, inside the transaction when it has begun.</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        PlainSql.Command(_connection, _transaction, sql, parameters);

    /// <summary>Begins the transaction now if it has not begun (a write is about to follow).</summary>
    public async Task EnsureTransactionAsync(CancellationToken ct)
    {
        if (_transaction is not null)
        {
            return;
        }

        _heldGate = await _database.EnterWriteGateAsync(ct);
        try
        {
            _transaction = await _connection.BeginTransactionAsync(ct);
        }
        catch
        {
            ReleaseGate();
            throw;
        }

        foreach (var reference in _contexts)
        {
            if (reference.TryGetTarget(out var db))
            {
                try
                {
                    db.Database.UseTransaction(_transaction);
                }
                catch (ObjectDisposedException)
                {
                    // Finished with before the first write.
                }
            }
        }
    }

    internal ReportingDbContext CreateContext()
    {
        var db = _createOn(_connection);
        if (_transaction is not null)
        {
            db.Database.UseTransaction(_transaction);
        }
        else
        {
            _contexts.RemoveAll(r => !r.TryGetTarget(out _));
            _contexts.Add(new WeakReference<ReportingDbContext>(db));
        }

        return db;
    }

    internal async Task<WriteTransaction> BeginWriteAsync(ReportingDbContext db, CancellationToken ct)
    {
        await EnsureTransactionAsync(ct);
        if (db.Database.CurrentTransaction is null)
        {
            db.Database.UseTransaction(_transaction);
        }

        var name = $"w{++_savepoints}";
        await _transaction!.SaveAsync(name, ct);
        return new WriteTransaction(_transaction, name);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
        }

        _committed = true;
        foreach (var action in _onCommitted)
        {
            action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (ReferenceEquals(Ambient.Value, this))
        {
            Ambient.Value = _outer;
        }

        try
        {
            if (_transaction is not null)
            {
                if (!_committed)
                {
                    try
                    {
                        await _transaction.RollbackAsync();
                    }
                    catch (DbException)
                    {
                        // The connection is broken: the server rolls back on its own.
                    }
                }

                await _transaction.DisposeAsync();
            }

            await _connection.DisposeAsync();
        }
        finally
        {
            ReleaseGate();
        }
    }

    private void ReleaseGate() => Interlocked.Exchange(ref _heldGate, null)?.Release();

    /// <summary>A connection of the provider, not yet opened.</summary>
    internal static DbConnection NewConnection(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(connectionString),
        DatabaseProvider.Postgres => new NpgsqlConnection(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Leaves the flow's shared transaction for a moment (e.g. to create a table that must not roll back with it).</summary>
    public static IDisposable Detach()
    {
        var saved = Ambient.Value;
        Ambient.Value = null;
        return new Restore(saved);
    }

    private sealed class Restore(SharedTransaction? saved) : IDisposable
    {
        public void Dispose() => Ambient.Value = saved;
    }
}
