using DtsAssistant.Reporting.Backup;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Data;

/// <summary>backup / restore of the SQLite file on real files: round trip, WAL content, 0600, refusals.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("dts-backup-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_backup_taken_while_writes_sit_in_the_WAL_restores_exactly_that_state_and_its_invites_still_work()
    {
        var file = Path.Combine(_folder.FullName, "data", "dts.db");
        // Pooled like the server, with the checkpoint timer off: the last writes stay in the write-ahead log.
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=True") { CheckpointInterval = TimeSpan.Zero };
        var world = new ReportingWorld(database);
        await world.WithSmallDirectoryAsync();
        var focal = await world.BindAsync(Role.FocalPoint, "TH-A1");
        var open = (await world.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-B1", Role.FocalPoint)).Single();
        var key = InviteKey.For(database);
        Assert.True(new FileInfo(file + "-wal").Length > 0, "the test needs writes still in the WAL");

        var backup = await DatabaseBackup.BackupAsync(database, key, Path.Combine(_folder.FullName, "backups", "b1.db"));

        // After the backup: more units, the open invite used, a person gone.
        await world.Directory.RedeemInviteAsync("zalo", "later", "Người sau", open.Code);
        await using (var db = database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM chat_identities");
            Assert.Equal(0, await db.ChatIdentities.CountAsync());
        }

        var restored = await DatabaseBackup.RestoreAsync(database, key, backup.DatabaseFile, world.Clock);

        Assert.NotNull(restored.SafetyCopy);
        Assert.True(File.Exists(restored.SafetyCopy));
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(ReportingWorld.SmallDirectory.Count, await db.Units.CountAsync());
            var identity = await db.ChatIdentities.SingleAsync();
            Assert.Equal(focal.Actor, $"{identity.Channel}:{identity.PlatformUserId}");
            Assert.Null((await db.Invites.SingleAsync(i => i.UnitId != null && i.Unit!.Code == "TH-B1")).RedeemedAt);
        }
        var fresh = new DirectoryService(database, world.Clock, key);
        Assert.Equal(RedeemOutcome.Bound, (await fresh.RedeemInviteAsync("telegram", "again", "Cô Mai", open.Code)).Outcome);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var path in new[] { file, backup.DatabaseFile, backup.KeyFile!, key.Path, restored.SafetyCopy! })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
    }

    [Fact]
    public async Task A_backup_never_overwrites_and_a_file_that_is_not_a_backup_is_refused_without_touching_the_database()
    {
        var file = Path.Combine(_folder.FullName, "dts.db");
        using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        var world = new ReportingWorld(database);
        await world.WithSmallDirectoryAsync();
        var key = InviteKey.For(database);
        var existing = Path.Combine(_folder.FullName, "existing.db");
        await File.WriteAllTextAsync(existing, "không phải cơ sở dữ liệu");

        var overwrite = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.BackupAsync(database, key, existing));
        var restore = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(database, key, existing, world.Clock));

        Assert.Contains("đã có", overwrite.Message);
        Assert.Contains("không phải bản sao lưu", restore.Message);
        Assert.Equal("không phải cơ sở dữ liệu", await File.ReadAllTextAsync(existing));
        await using var db = database.CreateDbContext();
        Assert.Equal(ReportingWorld.SmallDirectory.Count, await db.Units.CountAsync());
        Assert.Empty(System.IO.Directory.GetFiles(_folder.FullName, "*before-restore*"));
    }

    [Fact]
    public async Task PostgreSQL_is_pointed_to_pg_dump()
    {
        using var database = new ReportingDatabase(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=none");

        var error = await Assert.ThrowsAsync<BackupException>(() =>
            DatabaseBackup.BackupAsync(database, new InviteKey(Path.Combine(_folder.FullName, "k")), Path.Combine(_folder.FullName, "x.db")));

        Assert.Contains("pg_dump", error.Message);
    }
}
