using System.Globalization;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>people list</c>: everyone registered, with chat accounts and numbered roles (active and revoked).
/// <c>roles revoke &lt;số&gt;</c>: withdraws one role. <c>invites revoke &lt;số&gt;</c> (from InvitesCommand): withdraws an unused invite.
/// </summary>
internal static class AdminCommands
{
    /// <summary><c>people list</c> (BotCli sends every other <c>people</c> command to ChannelsCommand).</summary>
    public static async Task<int> PeopleAsync()
    {
        await using var services = ImportCommand.BuildReportingServices();
        var people = await services.GetRequiredService<IDirectoryAdministration>().ListPeopleAsync(Caller.System("cli"));
        foreach (var person in people)
        {
            var accounts = person.Identities.Count == 0 ? "không còn tài khoản chat"
                : string.Join(", ", person.Identities.Select(i => $"{i.Channel}:{i.PlatformUserId}"));
            Console.WriteLine($"#{person.PersonId} {person.DisplayName} — {accounts}");
            foreach (var role in person.Roles)
            {
                var state = role.RevokedAt is { } revoked ? $"đã thu hồi {Local(revoked)}" : "đang hiệu lực";
                Console.WriteLine($"    vai trò số {role.Id}: {RoleNames.Code(role.Role)} — {Scope(role)} (cấp {Local(role.GrantedAt)}, {state})");
            }
        }
        Console.WriteLine($"{people.Count} người đã đăng ký.");
        return 0;
    }

    public static async Task<int> RolesAsync(string[] args)
    {
        if (args is not ["revoke", var number] || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            Console.Error.WriteLine("Cách dùng: roles revoke <số vai trò>   (số lấy từ `people list`)");
            return 2;
        }
        await using var services = ImportCommand.BuildReportingServices();
        var outcome = await services.GetRequiredService<IDirectoryAdministration>().RevokeRoleAsync(Caller.System("cli"), id);
        return Report(outcome, $"Đã thu hồi vai trò số {id}.", $"Không có vai trò số {id}.", $"Vai trò số {id} đã được thu hồi trước đó.", "");
    }

    public static async Task<int> RevokeInviteAsync(string[] args)
    {
        if (args is not [var number] || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            Console.Error.WriteLine("Cách dùng: invites revoke <số mã mời>   (số lấy từ `invites export`)");
            return 2;
        }
        await using var services = ImportCommand.BuildReportingServices();
        var outcome = await services.GetRequiredService<IDirectoryAdministration>().RevokeInviteAsync(Caller.System("cli"), id);
        return Report(outcome, $"Đã thu hồi mã mời số {id}: mã này không còn dùng để đăng ký được.", $"Không có mã mời số {id}.",
            $"Mã mời số {id} đã được thu hồi trước đó.", $"Mã mời số {id} đã được dùng; hãy thu hồi vai trò nó đã cấp bằng `roles revoke`.");
    }

    private static int Report(RevokeOutcome outcome, string revoked, string notFound, string already, string used)
    {
        var (text, code) = outcome switch
        {
            RevokeOutcome.Revoked => (revoked, 0),
            RevokeOutcome.NotFound => (notFound, 1),
            RevokeOutcome.AlreadyRevoked => (already, 0),
            _ => (used, 1),
        };
        (code == 0 ? Console.Out : Console.Error).WriteLine(text);
        return code;
    }

    private static string Scope(RoleListing role) => role.ScopeCode.Length == 0 ? role.ScopeName : $"{role.ScopeCode} {role.ScopeName}";

    private static string Local(DateTimeOffset at) => VietnamTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
