using DtsAssistant.Reporting.Backup;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent copy of the SQLite reporting database (and its invite key), safe while the
/// server runs. <c>restore &lt;file&gt;</c>: puts a backup back (the current database is saved next to it first); stop
/// the server before restoring. PostgreSQL: pg_dump / pg_restore (docs/reporting.md).
/// </summary>
internal static class BackupCommand
{
    public static async Task<int> BackupAsync(string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("Cách dùng: backup <tệp sao lưu>");
            return 2;
        }
        await using var services = ImportCommand.BuildReportingServices();
        try
        {
            var result = await DatabaseBackup.BackupAsync(services.GetRequiredService<ReportingDatabase>(), services.GetRequiredService<InviteKey>(), args[0]);
            Console.WriteLine($"Đã sao lưu cơ sở dữ liệu vào {result.DatabaseFile} ({result.Bytes:N0} byte)"
                + (result.KeyFile is { } key ? $" và khóa mã mời vào {key}." : "."));
            Console.WriteLine("Hai tệp chỉ chủ sở hữu đọc được (0600); hãy cất chúng ở nơi an toàn như chính cơ sở dữ liệu.");
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    public static async Task<int> RestoreAsync(string[] args)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            Console.Error.WriteLine("Cách dùng: restore <tệp sao lưu>   (hãy dừng máy chủ trước)");
            return 2;
        }
        await using var services = ImportCommand.BuildReportingServices();
        try
        {
            var result = await DatabaseBackup.RestoreAsync(services.GetRequiredService<ReportingDatabase>(), services.GetRequiredService<InviteKey>(),
                args[0], TimeProvider.System);
            if (result.SafetyCopy is { } safety)
            {
                Console.WriteLine($"Cơ sở dữ liệu hiện tại đã được lưu lại ở {safety}.");
            }
            Console.WriteLine($"Đã khôi phục {args[0]} vào {result.DatabaseFile}"
                + (result.KeyFile is null ? " (không có tệp khóa mã mời đi kèm: các mã mời chưa dùng cần cấp lại)." : " cùng khóa mã mời."));
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
