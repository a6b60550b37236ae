using System.Globalization;

namespace DtsAssistant.Bot.Dashboard;

/// <summary>Every sentence of the dashboard a person reads: the chat replies of /bangdieukhien and the page notices.</summary>
internal static class DashboardTexts
{
    private static readonly CultureInfo Vietnamese = DtsAssistant.Text.VietnameseCulture.Instance;

    public const string NotAllowed =
        "Bảng điều khiển dành cho cán bộ xã/phường và cán bộ Sở đã đăng ký. Nếu bạn có mã mời, gõ /dangky <mã>. " +
        "Đầu mối CĐS của trường xem báo cáo của đơn vị mình bằng /baocao.";

    public static string Link(string url, TimeSpan lifetime, string scope) =>
        $"Đường dẫn vào bảng điều khiển ({scope}):\n{url}\n\n" +
        $"Đường dẫn dùng được một lần, trong {lifetime.TotalMinutes:0} phút. Đừng chuyển cho người khác: ai mở nó sẽ xem được số liệu trong phạm vi của bạn.";

    public const string Title = "Bảng điều khiển chuyển đổi số";

    public const string ConfirmTitle = "Vào bảng điều khiển";

    public const string ConfirmText = "Bấm nút dưới đây để mở bảng điều khiển trên trình duyệt này. Đường dẫn chỉ dùng được một lần.";

    public const string ConfirmButton = "Mở bảng điều khiển";

    public const string LinkInvalidTitle = "Đường dẫn không còn dùng được";

    public const string LinkInvalid =
        "Đường dẫn này đã hết hạn hoặc đã được dùng. Bạn hãy gõ /bangdieukhien trong chat để nhận đường dẫn mới.";

    public const string SignInTitle = "Cần đăng nhập";

    public const string SignIn =
        "Bạn chưa đăng nhập hoặc phiên đã hết hạn. Bạn hãy gõ /bangdieukhien trong chat (Telegram, Zalo hoặc web chat) để nhận đường dẫn đăng nhập.";

    public const string NoLongerAllowed =
        "Tài khoản chat của bạn không còn vai trò cán bộ xã/phường hoặc cán bộ Sở, nên không xem được bảng điều khiển.";

    public const string BadChart = "Không có biểu đồ này. Các biểu đồ: tiendo (tiến độ nộp), xa (tỷ lệ theo xã/phường), chitieu (chỉ tiêu).";

    public const string BadPeriod = "Kỳ báo cáo không đúng. Ví dụ đúng: 2026-11 (tháng), 2026-Q4 (quý), 2026 (năm).";

    public const string SampleData = "DỮ LIỆU MẪU — danh mục đơn vị tổng hợp, không phải số liệu thật.";

    public static string Percent(decimal value) => value.ToString("0.#", Vietnamese) + "%";

    public static string Number(decimal value) => value.ToString("#,0.##", Vietnamese);

    public static string Deadline(DateOnly lastDayOnTime) =>
        "Hạn nộp: trước ngày " + lastDayOnTime.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Vietnamese) + text[1..];
}
