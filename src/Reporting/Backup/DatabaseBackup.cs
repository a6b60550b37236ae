using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Backup;

/// <summary>What a backup or restore did, for the CLI to word.</summary>
public sealed record BackupResult(string DatabaseFile, long Bytes, string? KeyFile, string? SafetyCopy = null);

/// <summary>Why a backup or restore could not run.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backup and restore of the SQLite reporting database. A backup is <c>VACUUM INTO</c> a new 0600 file: one read
/// transaction, so it is a consistent snapshot that includes what is still in the write-ahead log, taken while the
/// server keeps writing. The invite key is copied next to it (<c>&lt;file&gt;.invite-key</c>, 0600): without the key,
/// open invites of the restored database would no longer work. A restore first saves the current database next to it,
/// then copies the backup in through SQLite's online backup API (so the live file, its WAL and other connections stay
/// coherent) and migrates it to the current schema. PostgreSQL is backed up with pg_dump (docs/reporting.md).
/// </summary>
public static class DatabaseBackup
{
    public const string KeySuffix = ".invite-key";

    public static async Task<BackupResult> BackupAsync(ReportingDatabase database, InviteKey key, string target, CancellationToken ct = default)
    {
        var source = SqliteFile(database);
        var full = Path.GetFullPath(target);
        if (File.Exists(full))
        {
            throw new BackupException($"Tệp {target} đã có. Hãy chọn tên tệp khác (sao lưu không ghi đè).");
        }

        await database.MigrateAsync(ct: ct);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        OwnerOnlyFile.CreateIfMissing(full);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=10000; VACUUM INTO $target;";
            command.Parameters.AddWithValue("$target", full);
            await command.ExecuteNonQueryAsync(ct);
        }

        // Reading the key creates its file when missing (on first use in this process), so the backup carries it.
        var hasKey = File.Exists(key.Path);
        if (!hasKey)
        {
            _ = key.Bytes;
            hasKey = File.Exists(key.Path);
        }

        string? keyCopy = null;
        if (hasKey)
        {
            keyCopy = full + KeySuffix;
            await using var stream = new FileStream(keyCopy, OwnerOnlyFile.Options(FileMode.CreateNew));
            await stream.WriteAsync(await File.ReadAllBytesAsync(key.Path, ct), ct);
        }
        return new BackupResult(full, new FileInfo(full).Length, keyCopy);
    }

    public static async Task<BackupResult> RestoreAsync(ReportingDatabase database, InviteKey key, string backupFile, TimeProvider clock,
        CancellationToken ct = default)
    {
        var target = SqliteFile(database);
        var full = Path.GetFullPath(backupFile);
        if (!File.Exists(full))
        {
            throw new BackupException($"Không tìm thấy tệp sao lưu {backupFile}.");
        }

        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await backup.OpenAsync(ct);
            await using var check = backup.CreateCommand();
            check.CommandText = "PRAGMA quick_check; ";
            var ok = (string?)await check.ExecuteScalarAsync(ct);
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'";
            if (ok != "ok" || Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new BackupException($"Tệp {backupFile} không phải bản sao lưu cơ sở dữ liệu báo cáo hợp lệ.");
            }
        }
        catch (SqliteException)
        {
            throw new BackupException($"Tệp {backupFile} không phải bản sao lưu cơ sở dữ liệu báo cáo hợp lệ.");
        }

        string? safety = null;
        if (File.Exists(target) && new FileInfo(target).Length > 0)
        {
            safety = $"{target}.before-restore-{clock.GetUtcNow():yyyyMMdd-HHmmss}";
            await BackupAsync(database, key, safety, ct);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            OwnerOnlyFile.CreateIfMissing(target);
        }

        await using (var live = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await live.OpenAsync(ct);
            backup.BackupDatabase(live);
        }

        var keyCopy = full + KeySuffix;
        if (File.Exists(keyCopy))
        {
            await using var stream = new FileStream(key.Path, OwnerOnlyFile.Options(FileMode.Create));
            await stream.WriteAsync(await File.ReadAllBytesAsync(keyCopy, ct), ct);
        }
        SqliteConnection.ClearAllPools();
        await database.MigrateAsync(ct: ct);
        database.TruncateWal();
        return new BackupResult(target, new FileInfo(target).Length, File.Exists(keyCopy) ? key.Path : null, safety);
    }

    private static string SqliteFile(ReportingDatabase database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new BackupException("Cơ sở dữ liệu là PostgreSQL: hãy sao lưu bằng pg_dump và khôi phục bằng pg_restore (xem docs/reporting.md).");
        }
        return database.SqliteFile
            ?? throw new BackupException("Cơ sở dữ liệu SQLite không nằm trong một tệp nên không sao lưu được.");
    }
}
