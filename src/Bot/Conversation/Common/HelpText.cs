namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>The welcome (also the web chat's first message), the command list and the filing words.</summary>
internal static class HelpText
{
    public const string Welcome = """
        Xin chào! Tôi là trợ lý chuyển đổi số của Sở GDĐT Ninh Bình (Kế hoạch 27/KH-SGDĐT).
        Bạn có thể hỏi tôi về kế hoạch: nhiệm vụ, chỉ tiêu, thời hạn, ai phụ trách.
        Đầu mối CĐS của đơn vị: đăng ký bằng /dangky <mã mời>, rồi nộp báo cáo bằng /baocao.
        Gõ /trogiup để xem tất cả các lệnh.
        """;

    /// <summary>"Các lệnh:" then one line per command: "/baocao — nộp hoặc sửa báo cáo …".</summary>
    public static string CommandList(IEnumerable<(string Name, string Help)> commands)
    {
        var lines = new List<string> { "Các lệnh:" };
        foreach (var (name, help) in commands)
        {
            lines.Add(help.StartsWith('<') ? $"/{name} {help}" : $"/{name} — {help}");
        }

        lines.Add("Hoặc cứ gõ câu hỏi, ví dụ: \"Hạn nộp báo cáo tháng là ngày nào?\"");
        return string.Join("\n", lines);
    }

    public const string FilingWords = """
        Khi đang nộp báo cáo, bạn gõ bất cứ lúc nào:
        "quay lại" — về câu trước; "bỏ qua" — để trống câu này;
        "sửa 5" — sửa câu 5; "tạm dừng" — lưu lại, làm tiếp sau;
        "hủy" — bỏ bản nháp; "trợ giúp" — xem hướng dẫn này.
        """;
}
