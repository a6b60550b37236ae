using System.Globalization;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Privacy;
using DtsAssistant.Text;

namespace DtsAssistant.Bot.Conversation.Privacy;

/// <summary>Every reply of /dulieucuatoi and /xoadulieu (Luật 91/2025/QH15, NĐ 13/2023/NĐ-CP).</summary>
internal static class PersonalDataTexts
{
    public static string View(PersonalDataView data)
    {
        if (data.PersonId is null && data.LoggedActions == 0)
        {
            return "Tôi không lưu dữ liệu cá nhân nào gắn với tài khoản chat này: bạn chưa đăng ký, và câu hỏi về kế hoạch không được lưu theo tên người hỏi.";
        }
        var lines = new List<string> { "Dữ liệu cá nhân tôi đang lưu về bạn:" };
        if (data.PersonId is not null)
        {
            lines.Add($"• Tên hiển thị: {data.DisplayName} (lưu từ {Local(data.CreatedAt!.Value)})");
            lines.AddRange(data.Identities.Select(i => $"• Tài khoản chat: {i.Channel} {i.PlatformUserId} (gắn từ {Local(i.BoundAt)})"));
            lines.AddRange(data.Roles.Select(r => $"• Vai trò: {RoleName(r.Role)} — {r.ScopeName}"
                + (r.RevokedAt is { } revoked ? $" (đã thu hồi {Local(revoked)})" : "")));
        }
        lines.Add($"• Câu trả lời báo cáo mang tên tài khoản của bạn: {Count(data.AnswersWritten)}; lần nộp: {Count(data.Submissions)}; " +
                  $"thao tác được ghi nhật ký: {Count(data.LoggedActions)}.");
        lines.Add("Số liệu báo cáo thuộc về đơn vị. Muốn xóa tên và mã tài khoản của bạn, gõ /xoadulieu.");
        return string.Join('\n', lines);
    }

    public const string ConfirmErase =
        "Bạn có chắc muốn xóa dữ liệu cá nhân không?\n" +
        "Tôi sẽ xóa tên và mã tài khoản chat của bạn, hủy đăng ký và các vai trò; báo cáo đã nộp vẫn thuộc đơn vị và ghi người nộp là \"đã xóa\". " +
        "Việc này không hoàn tác được; muốn dùng lại để nộp báo cáo, bạn cần mã mời mới.";

    public const string Erased =
        "Đã xóa dữ liệu cá nhân của bạn: tên, mã tài khoản chat và các vai trò. Báo cáo đã nộp vẫn ở lại với đơn vị, người nộp ghi là \"đã xóa\".";

    public const string NothingToErase = "Tôi không lưu dữ liệu cá nhân nào gắn với tài khoản chat này nên không có gì để xóa.";

    public const string Kept = "Được, tôi giữ nguyên dữ liệu của bạn.";

    private static string Count(int n) => n.ToString("#,0", VietnameseCulture.Instance);

    private static string Local(DateTimeOffset at) => VietnamTime.ToLocal(at).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string RoleName(Role role) => role switch
    {
        Role.FocalPoint => "đầu mối CĐS",
        Role.CommuneOfficer => "cán bộ UBND xã/phường",
        Role.DepartmentStaff => "cán bộ Sở GDĐT",
        Role.Admin => "quản trị hệ thống",
        _ => "cán bộ, giáo viên",
    };
}
