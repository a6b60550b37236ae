using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Reporting.Data;

/// <summary>
/// The reporting database: creates short-lived contexts of the configured provider and migrates the schema once, on
/// first use. Services take it as <see cref="IDbContextFactory{TContext}"/> and call <see cref="OpenAsync"/>.
/// </summary>
public sealed class ReportingDatabase : IDbContextFactory<ReportingDbContext>, IDisposable
{
    /// <summary>How often the SQLite write-ahead log is folded back into the database file (see <see cref="CheckpointNow"/>).</summary>
    internal TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Contexts kept for reuse (more may be in use at once; the extra ones are simply not kept).</summary>
    private const int ContextPoolSize = 128;

    private ITimer? _checkpoints;
    private readonly TimeProvider _time;
    private int _checkpointRunning;

    private readonly Func<ReportingDbContext> _create;

    /// <summary>The SQLite per-connection settings of this database (its <c>synchronous</c> choice).</summary>
    private readonly SqlitePragmas _pragmas;

    /// <summary>A (not pooled) context on a given connection: the contexts of a <see cref="SharedTransaction"/>.</summary>
    private readonly Func<DbConnection, ReportingDbContext> _createOn;
    private readonly SemaphoreSlim _migrateLock = new(1, 1);

    /// <summary>This process's SQLite writers take turns here (see <see cref="BeginWriteAsync"/>).</summary>
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _migrated;

    /// <param name="time">Runs the SQLite checkpoint timer (System when null).</param>
    public ReportingDatabase(DatabaseProvider provider, string connectionString, TimeProvider? time = null,
        SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        _time = time ?? TimeProvider.System;
        Provider = provider;
        ConnectionString = connectionString;
        _pragmas = synchronous == SqliteSynchronous.Normal ? SqlitePragmas.Normal : SqlitePragmas.Full;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteFile = FileOf(connectionString);
                PrepareSqliteFolder(SqliteFile);
                var sqlite = new DbContextOptionsBuilder<SqliteReportingDbContext>()
                    .UseSqlite(connectionString)
                    .AddInterceptors(_pragmas)
                    .Options;
                // Pooled: every message creates a few short-lived contexts, and building one (its internal service
                // scope) cost more than the queries it ran. A context is reset when it goes back to the pool.
                var sqlitePool = new PooledDbContextFactory<SqliteReportingDbContext>(sqlite, ContextPoolSize);
                _create = sqlitePool.CreateDbContext;
                // Options without a connection, built once: each context of a shared transaction gets its connection set.
                var sqliteShared = new DbContextOptionsBuilder<SqliteReportingDbContext>().UseSqlite().Options;
                _createOn = connection => OnConnection(new SqliteReportingDbContext(sqliteShared), connection);
                break;
            case DatabaseProvider.Postgres:
                var postgres = new DbContextOptionsBuilder<PostgresReportingDbContext>()
                    .UseNpgsql(connectionString)
                    .Options;
                var postgresPool = new PooledDbContextFactory<PostgresReportingDbContext>(postgres, ContextPoolSize);
                _create = postgresPool.CreateDbContext;
                var postgresShared = new DbContextOptionsBuilder<PostgresReportingDbContext>().UseNpgsql().Options;
                _createOn = connection => OnConnection(new PostgresReportingDbContext(postgresShared), connection);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// The SQLite database file, as a full path; null for PostgreSQL and for a SQLite database not in a file of its own
    /// (in memory, or a <c>file:</c> URI). The invite key's default place and backups go by it.
    /// </summary>
    internal string? SqliteFile { get; }

    private static ReportingDbContext OnConnection(ReportingDbContext db, DbConnection connection)
    {
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        return db;
    }

    public string ConnectionString { get; }

    /// <summary>Runs once after the first migration of this process, in the migration lock (used to seed sample data).</summary>
    internal Func<ReportingDbContext, CancellationToken, Task>? AfterFirstMigration { get; set; }

    /// <summary>The default SQLite file: data/dts.db under the working directory.</summary>
    public static string DefaultSqliteConnectionString(string? baseDirectory = null) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(baseDirectory ?? System.IO.Directory.GetCurrentDirectory(), "data", "dts.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    public static ReportingDatabase FromConfiguration(IConfiguration configuration, TimeProvider? time = null)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = options.Provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnectionString()
                : throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
        }

        return new ReportingDatabase(options.Provider, connectionString, time, options.Synchronous);
    }

    /// <summary>A context without the migration check (for callers that already ran <see cref="MigrateAsync"/>).</summary>
    public ReportingDbContext CreateDbContext() => SharedTransaction.Current is { } shared ? shared.CreateContext() : _create();

    /// <summary>A context on a database migrated to the latest schema.</summary>
    public async Task<ReportingDbContext> OpenAsync(CancellationToken ct = default)
    {
        if (!_migrated)
        {
            await MigrateAsync(null, ct);
        }

        return CreateDbContext();
    }

    /// <summary>
    /// Runs <paramref name="work"/> with one <see cref="SharedTransaction"/> around everything it writes through this
    /// database; <paramref name="work"/> commits it (otherwise it rolls back).
    /// </summary>
    public async Task<T> InSharedTransactionAsync<T>(Func<SharedTransaction, CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_migrated)
        {
            await MigrateAsync(null, ct);
        }

        await using var shared = await SharedTransaction.BeginAsync(this, SharedTransaction.NewConnection(Provider, ConnectionString), _createOn,
            (connection, token) => Provider == DatabaseProvider.Sqlite ? _pragmas.ApplyAsync(connection, token) : Task.CompletedTask, ct);
        shared.Enter();
        return await work(shared, ct);
    }

    /// <summary>This process's turn to write on SQLite (null on PostgreSQL, which needs none); release it when done.</summary>
    internal async Task<SemaphoreSlim?> EnterWriteGateAsync(CancellationToken ct)
    {
        var gate = Provider == DatabaseProvider.Sqlite ? _writeGate : null;
        if (gate is not null && !await gate.WaitAsync(WriteGateTimeout, ct))
        {
            throw new TimeoutException($"No turn to write to the SQLite database within {WriteGateTimeout.TotalSeconds:F0} s.");
        }

        return gate;
    }

    /// <summary>
    /// Begins a write transaction on <paramref name="db"/>. SQLite allows one writer at a time and makes the others
    /// wait in its busy handler, which sleeps with back-off (1, 2, 5 ... 100 ms): under load that sleeping, not the work,
    /// set the latency. So on SQLite this process's writers first queue on an async gate and reach SQLite one at a time;
    /// a writer from another process still waits in the busy handler. On PostgreSQL the gate is not used.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(ReportingDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (SharedTransaction.Current is { } shared)
        {
            return await shared.BeginWriteAsync(db, ct);
        }

        var gate = await EnterWriteGateAsync(ct);

        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }

    /// <summary>Saves the context's changes in one write transaction (taking this process's turn to write on SQLite).</summary>
    public async Task<int> SaveAsync(ReportingDbContext db, CancellationToken ct = default)
    {
        await using var transaction = await BeginWriteAsync(db, ct);
        var count = await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>How long a writer waits for its turn before giving up (as long as SQLite's own busy timeout).</summary>
    internal static readonly TimeSpan WriteGateTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Migrates to the latest (or the named) migration and switches SQLite to WAL. Safe to call repeatedly.</summary>
    public async Task MigrateAsync(string? targetMigration = null, CancellationToken ct = default)
    {
        await _migrateLock.WaitAsync(ct);
        try
        {
            await using var db = _create();
            if (Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers work while one writer commits; the setting is stored in the file.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(targetMigration, ct);
            if (targetMigration is null && !_migrated && AfterFirstMigration is { } after)
            {
                await after(db, ct);
            }

            _migrated = targetMigration is null;
            if (Provider == DatabaseProvider.Sqlite && _checkpoints is null && CheckpointInterval > TimeSpan.Zero)
            {
                // One shot, re-armed after each run: a clock that jumps ahead (a test's fake clock) runs one checkpoint, not one per interval skipped.
                _checkpoints = _time.CreateTimer(_ => CheckpointAndRearm(), null, CheckpointInterval, Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            _migrateLock.Release();
        }
    }

    /// <summary>
    /// Copies committed pages from the SQLite write-ahead log into the database file. SQLite would do this itself inside
    /// the commit that crosses 1,000 pages, fsync included, while every other writer waits; connections here turn that
    /// off (wal_autocheckpoint=0) and this runs once a second off the write path instead. PASSIVE never blocks readers or
    /// writers: what it cannot copy now is copied on a later run. The log is durable either way; this only bounds its size.
    /// </summary>
    public void CheckpointNow()
    {
        if (Provider != DatabaseProvider.Sqlite || Interlocked.Exchange(ref _checkpointRunning, 1) == 1)
        {
            return;
        }

        try
        {
            Checkpoint("PASSIVE", busyMilliseconds: 1000);
        }
        finally
        {
            Volatile.Write(ref _checkpointRunning, 0);
        }
    }

    /// <summary>
    /// Copies the whole write-ahead log into the database file and cuts the log to zero (waiting up to 5 s for readers):
    /// after an erasure, so old page images of erased rows do not stay in the log. A busy database is left to the
    /// periodic checkpoint.
    /// </summary>
    internal void TruncateWal()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            Checkpoint("TRUNCATE", busyMilliseconds: 5000);
        }
    }

    private void Checkpoint(string mode, int busyMilliseconds)
    {
        try
        {
            // ReadWrite, not ReadWriteCreate: a run after the file was removed must not create an empty one.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={busyMilliseconds}; PRAGMA wal_checkpoint({mode});";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy or closing: the next periodic run copies what is left.
        }
    }

    private void CheckpointAndRearm()
    {
        CheckpointNow();
        Volatile.Read(ref _checkpoints)?.Change(CheckpointInterval, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _checkpoints, null)?.Dispose();
    }

    private static string? FileOf(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(file);
    }

    private static void PrepareSqliteFolder(string? file)
    {
        if (file is null)
        {
            return;
        }

        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        // Personal data: a new database file (and so its -wal/-shm, which SQLite creates with the same mode) is 0600.
        Backup.OwnerOnlyFile.CreateIfMissing(file);
    }

    /// <summary>
    /// Per-connection settings: wait for a busy writer instead of failing; <c>synchronous</c> FULL by default (every
    /// commit fsynced, so an acknowledged answer survives a power cut; NORMAL when configured); secure_delete, so erased
    /// personal data is overwritten in the file instead of left in free pages; checkpoints run off the write path
    /// (<see cref="CheckpointNow"/>).
    /// </summary>
    private sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Full = new("FULL");

        public static readonly SqlitePragmas Normal = new("NORMAL");

        private readonly string _pragmas =
            $"PRAGMA busy_timeout=10000; PRAGMA synchronous={synchronous}; PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=0;";

        /// <summary>
        /// Native connections already set up. Settings stay with the native connection, and a pooled one is opened again
        /// for every context: without this, each message ran the pragmas two or three times.
        /// </summary>
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

        /// <summary>For a connection opened outside EF (a <see cref="SharedTransaction"/>'s).</summary>
        public Task ApplyAsync(DbConnection connection, CancellationToken ct) => ConnectionOpenedAsync(connection, null!, ct);

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (NeedsPragmas(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                command.ExecuteNonQuery();
                Configured(connection);
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (NeedsPragmas(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
                Configured(connection);
            }
        }

        private bool NeedsPragmas(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || !_configured.TryGetValue(handle, out _);

        private void Configured(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                _configured.AddOrUpdate(handle, handle);
            }
        }
    }
}
