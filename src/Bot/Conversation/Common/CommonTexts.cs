using System.Globalization;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>
/// The replies every feature shares: refusals of bad input, the one apology when the core fails, the deadline line.
/// Voice "Tôi", the plan's spelling (hủy, hóa, khóa). Feature replies live in their own texts class
/// (<c>FilingTexts</c>, <c>RegistrationTexts</c>, <c>StatusTexts</c>, <see cref="HelpText"/>).
/// </summary>
internal static class CommonTexts
{
    private static readonly CultureInfo Vietnamese = DtsAssistant.Text.VietnameseCulture.Instance;

    /// <summary>The one polite reply when handling a message fails; the exception is logged, never shown.</summary>
    public const string Failure =
        "Xin lỗi, hệ thống đang gặp sự cố nên tôi chưa xử lý được tin nhắn này. Bạn vui lòng thử lại sau ít phút.";

    public static string TooLong(int length, int max) =>
        string.Create(Vietnamese, $"Tin nhắn quá dài ({length:N0} ký tự). Bạn hãy gửi ngắn gọn, tối đa {max:N0} ký tự.");

    public const string Empty = "Tin nhắn trống. Bạn hãy gõ câu hỏi, ví dụ: \"Hạn nộp báo cáo tháng là ngày nào?\"";

    public const string Binary = "Tin nhắn có ký tự không đọc được (có thể là tệp nhị phân). Bạn hãy gõ nội dung bằng chữ.";

    public const string InvalidUnicode = "Tin nhắn có ký tự không đọc được. Bạn hãy gõ lại bằng chữ.";

    public const string EmojiOnly = "Tôi chỉ đọc được chữ và số, chưa hiểu biểu tượng cảm xúc. Bạn hãy gõ câu hỏi hoặc /trogiup.";

    public const string BadButton = "Nút bấm này không hợp lệ. Bạn gõ /trogiup để xem các lệnh.";

    /// <summary>The answer to stickers, photos, voice and files: say what does work.</summary>
    public const string Unsupported =
        "Xin lỗi, tôi chỉ đọc được tin nhắn chữ, chưa xem được ảnh, nhãn dán, tin nhắn thoại hay tệp gửi lên. "
        + "Bạn hãy gõ câu hỏi về Kế hoạch 27/KH-SGDĐT, hoặc gõ /baocao để nộp báo cáo, /trangthai để xem tình hình, "
        + "/trogiup để xem hướng dẫn.";

    public static string UnknownCommand(string name) => $"Tôi chưa biết lệnh /{name}. Gõ /trogiup để xem các lệnh.";

    public const string ReportingDown =
        "Hệ thống báo cáo đang tạm gián đoạn nên tôi chưa làm được việc này. Bạn vẫn có thể hỏi về kế hoạch; thử lại sau ít phút.";

    /// <summary>In a group only plan questions are answered: registration, filing, status and files are personal.</summary>
    public const string GroupPrivateOnly =
        "Trong nhóm, tôi chỉ trả lời câu hỏi về kế hoạch. Để đăng ký, nộp báo cáo, xem tình hình nộp hay nhận tệp, bạn hãy nhắn riêng cho tôi.";

    public const string FilingSessionEnded = "Phiên nộp báo cáo đó đã kết thúc. Gõ /baocao để mở lại.";

    public const string NothingToCancel = "Không có việc gì đang làm dở để hủy.";

    public const string StaleButton = "Nút này không còn dùng được. Gõ /trangthai để xem lại.";

    /// <summary>A refusal of the reporting services, worded from its reason.</summary>
    public static string Denied(ReportingAccessDeniedException denied) => denied.Reason switch
    {
        AccessDenial.NotRegistered => "Bạn chưa đăng ký vai trò nào để xem số liệu báo cáo. Bạn dùng /dangky <mã mời> do quản trị viên cấp.",
        AccessDenial.UnknownCommune => $"Không tìm thấy xã/phường có mã {denied.Subject}.",
        AccessDenial.OtherCommune => $"Bạn không có quyền xem số liệu của {denied.Subject}.",
        AccessDenial.UnknownUnit => $"Không tìm thấy đơn vị {denied.Subject} hoặc bạn không có quyền xem.",
        AccessDenial.ReportNotFound => "Không tìm thấy báo cáo hoặc bạn không có quyền xem.",
        AccessDenial.AdminOnly => "Chỉ quản trị viên mới làm được việc này.",
        _ => "Bạn không có quyền xem dữ liệu này.",
    };

    /// <summary>"Hạn nộp: hết ngày 20/11/2026 (còn 5 ngày)." — in Vietnam days.</summary>
    public static string Deadline(PeriodWindow window, DateOnly today)
    {
        var due = Date(window.LastDayOnTime);
        var daysLeft = window.LastDayOnTime.DayNumber - today.DayNumber;
        return daysLeft switch
        {
            > 0 => $"Hạn nộp: hết ngày {due} (còn {daysLeft} ngày).",
            0 => $"Hạn nộp: hết hôm nay, {due}.",
            _ => $"Đã quá hạn {-daysLeft} ngày (hạn {due}): vẫn nộp được, báo cáo sẽ được ghi nhận nộp muộn.",
        };
    }

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Cuts at a word boundary so a label never ends mid-word ("…kế hoạch…", not "…kế hoạch hư…").</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, max - 1));
        var head = cut > max / 2 ? text[..cut] : text[..(max - 1)];
        return head.TrimEnd(' ', ',', ';', ':', '(', '-') + "…";
    }
}
