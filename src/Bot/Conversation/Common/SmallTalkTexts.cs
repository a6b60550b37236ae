using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>The replies to small talk, worded for who the person is (focal point, commune officer, Sở staff, anyone).</summary>
internal static class SmallTalkTexts
{
    /// <summary>The reply; when a form is open (<paramref name="filing"/>) the same question follows it, so no role hint.</summary>
    public static string Reply(SmallTalkKind kind, Caller caller, bool filing)
    {
        var name = string.IsNullOrWhiteSpace(caller.DisplayName) ? string.Empty : " " + caller.DisplayName;
        var opening = kind switch
        {
            SmallTalkKind.Thanks => "Không có gì ạ. Bạn cần gì cứ nhắn tôi.",
            SmallTalkKind.WhoAreYou => "Tôi là trợ lý chuyển đổi số của Sở GDĐT Ninh Bình: tôi trả lời về Kế hoạch 27/KH-SGDĐT, "
                + "giúp đầu mối CĐS nộp báo cáo và cho cán bộ quản lý xem tình hình nộp.",
            _ => $"Xin chào{name}! Tôi là trợ lý chuyển đổi số của Sở GDĐT Ninh Bình.",
        };
        return filing ? opening : opening + "\n" + RoleHint(caller);
    }

    private static string RoleHint(Caller caller) =>
        caller.FilingUnits.Count > 0 ? $"Bạn là đầu mối CĐS của {caller.FilingUnits[0].Name}: gõ /baocao để nộp báo cáo tháng, hoặc hỏi tôi về kế hoạch."
        : caller.OverseenCommunes.Count > 0 ? $"Bạn theo dõi các trường của {caller.OverseenCommunes[0].Name}: gõ /trangthai để xem trường nào đã nộp, hoặc hỏi tôi về kế hoạch."
        : caller.SeesProvince ? "Gõ /trangthai để xem tình hình nộp báo cáo toàn tỉnh, hoặc hỏi tôi về kế hoạch."
        : "Bạn có thể hỏi tôi về kế hoạch (nhiệm vụ, chỉ tiêu, thời hạn). Đầu mối CĐS đăng ký bằng /dangky <mã mời>; gõ /trogiup để xem các lệnh.";
}
