using DtsAssistant.Reporting.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Data;

/// <summary>SQLite checkpoints run off the write path: commits leave pages in the log, the checkpointer moves them.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dts-checkpoint-" + Guid.NewGuid().ToString("N"));

    public CheckpointTests() => System.IO.Directory.CreateDirectory(_folder);

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
