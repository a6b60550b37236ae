using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Registration;

/// <summary>Every reply of /dangky, /toi and /huydangky.</summary>
internal static class RegistrationTexts
{
    public const string CodeMissing = "Bạn gõ /dangky kèm mã mời do quản trị viên cấp, ví dụ: /dangky K7QX-29PM";

    public static string Redeemed(RedeemResult result) => result.Outcome switch
    {
        RedeemOutcome.Bound => $"Đăng ký thành công: {RoleName(result.Granted?.Role ?? Role.Staff)} — {Scope(result.Granted)}.",
        RedeemOutcome.TooManyAttempts => "Bạn đã nhập sai mã quá nhiều lần. Bạn vui lòng thử lại sau 1 giờ hoặc liên hệ quản trị viên.",
        RedeemOutcome.AlreadyUsed => "Mã này đã được sử dụng. Mỗi mã chỉ dùng một lần; bạn vui lòng xin mã mới.",
        RedeemOutcome.Expired => "Mã này đã hết hạn. Bạn vui lòng xin quản trị viên cấp mã mới.",
        RedeemOutcome.Revoked => "Mã này đã bị thu hồi. Bạn vui lòng xin quản trị viên cấp mã mới.",
        _ => "Mã đăng ký không đúng. Bạn kiểm tra lại mã quản trị viên đã gửi (dạng ABCDE-FGHJK).",
    };

    /// <summary>After a new invite, when earlier roles (another unit, another role) are still held: said, not silent.</summary>
    public const string KeptEarlierRoles =
        "Các vai trò trước đây của bạn vẫn còn hiệu lực (xem danh sách trên). Nếu bạn không còn phụ trách đơn vị nào, " +
        "hãy báo quản trị viên thu hồi vai trò đó.";

    public const string NotRegistered =
        "Bạn chưa đăng ký: tôi coi bạn là cán bộ, giáo viên (hỏi đáp về kế hoạch). " +
        "Đầu mối CĐS hoặc cán bộ quản lý cần đăng ký bằng /dangky <mã mời>.";

    public const string NothingToUnregister = "Tài khoản chat này chưa đăng ký nên không có gì để hủy.";

    public static string ConfirmUnregister(Caller caller) =>
        $"Bạn có chắc muốn hủy đăng ký không?\n{Describe(caller)}\nSau khi hủy, bạn vẫn hỏi đáp được; muốn nộp hoặc xem báo cáo thì cần mã mời mới.";

    public const string Unregistered = "Đã hủy đăng ký. Bạn vẫn hỏi đáp được; muốn nộp hoặc xem báo cáo thì cần mã mời mới.";

    public const string UnregisterFailed = "Không hủy được đăng ký. Bạn liên hệ quản trị viên.";

    public const string KeptRegistration = "Được, đăng ký của bạn giữ nguyên.";

    public static string Describe(Caller caller)
    {
        var lines = new List<string> { $"Bạn là {(string.IsNullOrWhiteSpace(caller.DisplayName) || caller.DisplayName == Caller.Unnamed ? "người dùng đã đăng ký" : caller.DisplayName)}:" };
        lines.AddRange(caller.Roles.Select(r => "• " + RoleLine(r)));
        return string.Join('\n', lines);
    }

    private static string RoleName(Role role) => role switch
    {
        Role.FocalPoint => "đầu mối CĐS của đơn vị",
        Role.CommuneOfficer => "cán bộ UBND xã/phường",
        Role.DepartmentStaff => "cán bộ Sở GDĐT",
        Role.Admin => "quản trị hệ thống",
        _ => "cán bộ, giáo viên",
    };

    private static string Scope(RoleGrant? grant) => grant?.Unit?.Name ?? grant?.Commune?.Name ?? "toàn tỉnh";

    private static string RoleLine(RoleGrant grant) => grant.Role switch
    {
        Role.FocalPoint => $"đầu mối CĐS của {grant.Unit?.Name ?? "đơn vị"} — nộp báo cáo bằng /baocao",
        Role.CommuneOfficer => $"cán bộ {grant.Commune?.Name ?? "xã/phường"} — xem tình hình bằng /trangthai",
        Role.DepartmentStaff => "cán bộ Sở GDĐT — xem số liệu toàn tỉnh bằng /trangthai",
        Role.Admin => "quản trị hệ thống",
        _ => "cán bộ, giáo viên",
    };
}
