using DtsAssistant.Reporting.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Reporting.Tests.Data;

/// <summary>The SQLite write path: checkpoints off the commits, pooled contexts handed back clean, the write turn given back.</summary>
public sealed class SqliteWritePathTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dts-checkpoint-" + Guid.NewGuid().ToString("N"));

    public SqliteWritePathTests() => System.IO.Directory.CreateDirectory(_folder);

    private string File => Path.Combine(_folder, "dts.db");

    [Fact]
    public async Task Commits_leave_pages_in_the_log_until_the_checkpoint_copies_them()
    {
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={File};Pooling=False") { CheckpointInterval = TimeSpan.Zero };
        await database.MigrateAsync();
        // An open connection, as in a running host: SQLite also checkpoints when the last connection to a file closes.
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        database.CheckpointNow();
        var before = new FileInfo(File).Length;

        await WriteCommunesAsync(database, 3000);
        var afterCommits = new FileInfo(File).Length;
        database.CheckpointNow();
        var afterCheckpoint = new FileInfo(File).Length;

        Assert.Equal(0L, await ScalarAsync(db, "PRAGMA wal_autocheckpoint"));
        Assert.Equal(before, afterCommits);
        Assert.True(afterCheckpoint > before + 100_000, $"database file {before} -> {afterCheckpoint} bytes");
        Assert.Equal(3000, await db.Communes.CountAsync());
    }

    [Fact]
    public async Task The_checkpointer_runs_by_itself()
    {
        var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={File};Pooling=False") { CheckpointInterval = TimeSpan.FromMilliseconds(50) };
        await database.MigrateAsync();
        var held = database.CreateDbContext();
        await held.Database.OpenConnectionAsync();
        var before = new FileInfo(File).Length;

        await WriteCommunesAsync(database, 3000);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(File).Length <= before + 100_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(new FileInfo(File).Length > before + 100_000, "the background checkpoint never copied the log");
        database.Dispose();
        await held.DisposeAsync();
    }

    [Fact]
    public async Task The_checkpointer_runs_on_the_injected_clock_and_a_jump_of_the_clock_runs_it_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 10, 2, 0, 0, TimeSpan.Zero));
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={File};Pooling=False", clock) { CheckpointInterval = TimeSpan.FromSeconds(1) };
        await database.MigrateAsync();
        await using var held = database.CreateDbContext();
        await held.Database.OpenConnectionAsync();
        var before = new FileInfo(File).Length;

        await WriteCommunesAsync(database, 3000);
        var whileTheClockStands = new FileInfo(File).Length;
        // 400 days of one-second ticks: a periodic timer would run the checkpoint 34 million times here.
        clock.Advance(TimeSpan.FromDays(400));

        Assert.Equal(before, whileTheClockStands);
        Assert.True(new FileInfo(File).Length > before + 100_000, "advancing the clock did not run the checkpoint");
    }

    [Fact]
    public async Task Every_connection_has_the_write_path_settings_also_when_the_pool_hands_it_out_again()
    {
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={File};Pooling=True") { CheckpointInterval = TimeSpan.Zero };
        await database.MigrateAsync();

        for (var i = 0; i < 3; i++)
        {
            await using var db = await database.OpenAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(0L, await ScalarAsync(db, "PRAGMA wal_autocheckpoint"));
            Assert.Equal(10_000L, await ScalarAsync(db, "PRAGMA busy_timeout"));
            Assert.Equal(2L, await ScalarAsync(db, "PRAGMA synchronous")); // FULL: an acknowledged answer survives a power cut
            Assert.Equal(1L, await ScalarAsync(db, "PRAGMA secure_delete")); // erased personal data is overwritten
        }
    }

    [Fact]
    public async Task A_pooled_context_comes_back_without_an_open_connection_or_a_transaction()
    {
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={File};Pooling=False") { CheckpointInterval = TimeSpan.Zero };
        await database.MigrateAsync();
        System.Data.Common.DbConnection first;
        await using (var db = await database.OpenAsync())
        {
            await db.Database.OpenConnectionAsync();
            first = db.Database.GetDbConnection();
            await using var write = await database.BeginWriteAsync(db);
            db.Communes.Add(new Commune { Code = "POOL1", Name = "Xã Thử" });
            await db.SaveChangesAsync();
            // Neither committed nor closed: disposing must roll back and hand the context back clean.
        }

        await using var again = await database.OpenAsync();

        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
        Assert.Null(again.Database.CurrentTransaction);
        Assert.Equal(0, await again.Communes.CountAsync());
        // The write turn was given back too: the next writer does not wait for the gate's timeout.
        await using var next = await database.BeginWriteAsync(again).WaitAsync(TimeSpan.FromSeconds(2));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task WriteCommunesAsync(ReportingDatabase database, int count)
    {
        await using var db = await database.OpenAsync();
        db.Communes.AddRange(Enumerable.Range(0, count).Select(i => new Commune { Code = $"CK{i:D5}", Name = $"Xã Kiểm Tra Ghi Nhật Ký Số {i} " + new string('x', 80) }));
        await database.SaveAsync(db);
    }

    private static async Task<long> ScalarAsync(ReportingDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
