using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DtsAssistant.Reporting.Tests.Infrastructure;

/// <summary>A real database for one test class, migrated to the latest schema; emptied before each test.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private ReportingDatabase? _database;

    public ReportingDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public abstract DatabaseProvider Provider { get; }

    /// <summary>A connection string for a brand-new, empty database of this provider.</summary>
    public abstract Task<string> CreateEmptyDatabaseAsync();

    /// <summary>False when the provider's server is not configured and its tests are skipped.</summary>
    protected virtual bool IsAvailable => true;

    public async Task InitializeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        _database = new ReportingDatabase(Provider, await CreateEmptyDatabaseAsync());
        await _database.MigrateAsync();
    }

    public abstract Task DisposeAsync();

    /// <summary>Stops the database's background work (SQLite checkpoints) before its file goes away.</summary>
    protected void DisposeDatabase() => _database?.Dispose();

    /// <summary>Deletes every row, children first, so each test starts from an empty directory.</summary>
    public async Task ResetAsync()
    {
        await using var db = Database.CreateDbContext();
        await db.ReminderLog.ExecuteDeleteAsync();
        await db.ReminderMutes.ExecuteDeleteAsync();
        await db.AuditEvents.ExecuteDeleteAsync();
        await db.ReportSubmissions.ExecuteDeleteAsync();
        await db.Answers.ExecuteDeleteAsync();
        await db.Reports.ExecuteDeleteAsync();
        await db.Invites.ExecuteDeleteAsync();
        await db.RoleAssignments.ExecuteDeleteAsync();
        await db.ChatIdentities.ExecuteDeleteAsync();
        await db.People.ExecuteDeleteAsync();
        await db.Units.ExecuteDeleteAsync();
        await db.Communes.ExecuteDeleteAsync();
    }
}

public sealed class SqliteFixture : DatabaseFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dts-tests-" + Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task<string> CreateEmptyDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")};Pooling=False;Default Timeout=30");

    public override Task DisposeAsync()
    {
        DisposeDatabase();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left in the temp folder; it does not affect other tests.
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL from env DTS_TEST_POSTGRES (set by scripts/test.sh): a fresh database t_&lt;guid&gt; per fixture, dropped
/// afterwards. Without the variable the tests are skipped visibly, or fail when DTS_TEST_REQUIRE_SERVICES=1.
/// </summary>
public sealed class PostgresFixture : DatabaseFixture
{
    private readonly List<string> _created = [];

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("DTS_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool Required => Environment.GetEnvironmentVariable("DTS_TEST_REQUIRE_SERVICES") == "1";

    /// <summary>Why PostgreSQL tests are skipped; null when they run (or must run).</summary>
    public static string? SkipReason => ServerConnectionString is null && !Required
        ? "PostgreSQL không có sẵn: đặt DTS_TEST_POSTGRES (scripts/test.sh làm việc này) để chạy các bài kiểm thử PostgreSQL."
        : null;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override bool IsAvailable => SkipReason is null;

    public override async Task<string> CreateEmptyDatabaseAsync()
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException("DTS_TEST_POSTGRES is not set but DTS_TEST_REQUIRE_SERVICES=1 requires PostgreSQL.");
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        _created.Add(name);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (ServerConnectionString is not { } server)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var name in _created)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Marks a test class whose database is PostgreSQL (its [DbFact]s are skipped when PostgreSQL is unavailable).</summary>
public interface IPostgresTests;
