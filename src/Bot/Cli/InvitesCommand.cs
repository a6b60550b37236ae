using System.Globalization;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>invites create --unit &lt;code&gt; --role &lt;role&gt; [--count N] [--days D] [--export file.xlsx]</c> prints new
/// one-time codes (and writes them to XLSX with --export: the only moment codes exist in clear).
/// <c>invites export &lt;file.xlsx&gt; [--all]</c> lists unused (or all) invites without their codes.
/// </summary>
internal static class InvitesCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "create":
                return await CreateAsync(args[1..]);
            case "revoke":
                return await AdminCommands.RevokeInviteAsync(args[1..]);
            case "export" when args.Length >= 2 && !args[1].StartsWith('-'):
                return await ExportAsync(args[1], args.Contains("--all"));
            default:
                Console.Error.WriteLine("""
                    Cách dùng:
                      invites create --unit <mã đơn vị | mã xã> --role <staff|focal_point|commune_officer|department_staff|admin> [--count N] [--days D] [--export tệp.xlsx]
                      invites export <tệp.xlsx> [--all]
                      invites revoke <số mã mời>
                    """);
                return 2;
        }
    }

    private static async Task<int> CreateAsync(string[] args)
    {
        if (!RoleNames.TryParse(CliSupport.Option(args, "--role"), out var role))
        {
            Console.Error.WriteLine("Thiếu hoặc sai --role (staff, focal_point, commune_officer, department_staff, admin).");
            return 2;
        }

        var scope = CliSupport.Option(args, "--unit") ?? CliSupport.Option(args, "--commune") ?? "";
        var count = int.TryParse(CliSupport.Option(args, "--count") ?? "1", NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var days = int.TryParse(CliSupport.Option(args, "--days") ?? "14", NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1;
        if (count is < 1 or > 1000 || days is < 1 or > 365)
        {
            Console.Error.WriteLine("--count từ 1 đến 1000, --days từ 1 đến 365.");
            return 2;
        }

        await using var services = ImportCommand.BuildReportingServices();
        var directory = services.GetRequiredService<IDirectoryService>();
        IReadOnlyList<IssuedInvite> invites;
        try
        {
            invites = await directory.CreateInvitesAsync(Caller.System("cli"), scope, role, count, TimeSpan.FromDays(days));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message.Split(" (Parameter", 2)[0]);
            return 1;
        }

        foreach (var invite in invites)
        {
            Console.WriteLine($"{invite.Code}\t{RoleNames.Code(invite.Role)}\t{invite.ScopeCode}\t{invite.ScopeName}\thết hạn {invite.ExpiresAt.ToOffset(VietnamTime.Offset):dd/MM/yyyy}");
        }

        if (CliSupport.Option(args, "--export") is { } file)
        {
            await File.WriteAllBytesAsync(file, InviteSheet.FromIssued(invites));
            Console.WriteLine($"Đã ghi {invites.Count} mã vào {file}. Đây là lần duy nhất mã hiện rõ: hệ thống chỉ lưu bản băm.");
        }

        return 0;
    }

    private static async Task<int> ExportAsync(string file, bool all)
    {
        await using var services = ImportCommand.BuildReportingServices();
        var listing = await services.GetRequiredService<IDirectoryService>().ListInvitesAsync(Caller.System("cli"), unusedOnly: !all);
        await File.WriteAllBytesAsync(file, InviteSheet.FromListing(listing));
        Console.WriteLine($"Đã ghi {listing.Count} mã mời {(all ? "" : "chưa dùng ")}vào {file} (theo số mã mời: mã không thể khôi phục từ bản băm; dùng `invites create ... --export` để có mã đầy đủ).");
        return 0;
    }
}
