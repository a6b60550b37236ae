using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Registration;

/// <summary>/dangky, /toi, /huydangky: binding a chat identity to a role through a one-time invite code.</summary>
internal sealed class RegistrationCommands(IDirectoryService directory, CallerCache callers, ILogger<RegistrationCommands> logger)
{
    public async Task<Reply> RegisterAsync(Turn turn, string code, CancellationToken ct)
    {
        code = code.Trim();
        if (code.Length == 0)
        {
            return new Reply("Bạn gõ /dangky kèm mã mời do quản trị viên cấp, ví dụ: /dangky K7QX-29PM");
        }

        if (code.Length > 64)
        {
            return new Reply("Mã mời không đúng. Bạn kiểm tra lại mã do quản trị viên cấp.");
        }

        var name = string.IsNullOrWhiteSpace(turn.Message.DisplayName) ? turn.ConversationKey : turn.Message.DisplayName!;
        var result = await directory.RedeemInviteAsync(turn.Channel, turn.UserId, name, code, ct).ConfigureAwait(false);
        callers.Forget(turn.ConversationKey);
        if (result.Outcome != RedeemOutcome.Bound)
        {
            // Repeated wrong codes are also slowed down inside the directory; the log lets an admin see guessing.
            logger.LogWarning("Invite redemption by {Key} failed: {Outcome}", turn.ConversationKey, result.Outcome);
            return new Reply(result.Message);
        }

        var who = result.Caller is { } caller ? Describe(caller) : string.Empty;
        return new Reply($"{result.Message}\n{who}".Trim(), [[new ReplyButton("Xem hướng dẫn", "cmd:trogiup")]]);
    }

    public Reply WhoAmI(Caller caller) =>
        caller.Roles.Count == 0
            ? new Reply("Bạn chưa đăng ký: mình coi bạn là cán bộ, giáo viên (hỏi đáp về kế hoạch). " +
                "Đầu mối CĐS hoặc cán bộ quản lý cần đăng ký bằng /dangky <mã mời>.")
            : new Reply(Describe(caller));

    public async Task<Reply> UnregisterAsync(Turn turn, Caller caller, CancellationToken ct)
    {
        if (caller.Roles.Count == 0)
        {
            return new Reply("Tài khoản chat này chưa đăng ký nên không có gì để huỷ.");
        }

        var removed = await directory.UnbindAsync(caller, turn.Channel, turn.UserId, ct).ConfigureAwait(false);
        callers.Forget(turn.ConversationKey);
        return new Reply(removed
            ? "Đã huỷ đăng ký. Bạn vẫn hỏi đáp được; muốn nộp hoặc xem báo cáo thì cần mã mời mới."
            : "Không huỷ được đăng ký. Bạn liên hệ quản trị viên.");
    }

    public static string Describe(Caller caller)
    {
        var lines = new List<string> { $"Bạn là {(string.IsNullOrWhiteSpace(caller.DisplayName) ? "người dùng đã đăng ký" : caller.DisplayName)}:" };
        lines.AddRange(caller.Roles.Select(r => "• " + RoleLabel(r)));
        return string.Join('\n', lines);
    }

    private static string RoleLabel(RoleGrant grant) => grant.Role switch
    {
        Role.FocalPoint => $"đầu mối CĐS của {grant.Unit?.Name ?? "đơn vị"} — nộp báo cáo bằng /baocao",
        Role.CommuneOfficer => $"cán bộ {grant.Commune?.Name ?? "xã/phường"} — xem tình hình bằng /trangthai",
        Role.DepartmentStaff => "cán bộ Sở GDĐT — xem số liệu toàn tỉnh bằng /trangthai",
        Role.Admin => "quản trị hệ thống",
        _ => "cán bộ, giáo viên",
    };
}
