namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>The fixed help and welcome texts.</summary>
internal static class HelpText
{
    public const string Welcome = """
        Xin chào! Mình là trợ lý chuyển đổi số của Sở GDĐT Ninh Bình (Kế hoạch 27/KH-SGDĐT).
        Bạn có thể hỏi mình về kế hoạch: nhiệm vụ, chỉ tiêu, thời hạn, ai phụ trách.
        Đầu mối CĐS của đơn vị: đăng ký bằng /dangky <mã mời>, rồi nộp báo cáo bằng /baocao.
        Gõ /trogiup để xem tất cả các lệnh.
        """;

    public const string Commands = """
        Các lệnh:
        /baocao — nộp hoặc sửa báo cáo của đơn vị (đầu mối CĐS)
        /trangthai — xem tình hình nộp báo cáo (cán bộ xã/phường, Sở)
        /dangky <mã> — đăng ký bằng mã mời
        /toi — xem mình được đăng ký là ai
        /huydangky — huỷ đăng ký
        /trogiup — xem hướng dẫn này
        Hoặc cứ gõ câu hỏi, ví dụ: "Hạn nộp báo cáo tháng là ngày nào?"
        """;

    public const string FilingWords = """
        Khi đang nộp báo cáo, bạn gõ bất cứ lúc nào:
        "quay lại" — về câu trước; "bỏ qua" — để trống câu này;
        "sửa 5" — sửa câu 5; "tạm dừng" — lưu lại, làm tiếp sau;
        "huỷ" — bỏ bản nháp; "trợ giúp" — xem hướng dẫn này.
        """;
}
