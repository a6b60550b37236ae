using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Common;

internal enum Intent
{
    Question,
    Filing,
    Status,
    Export,
}

/// <summary>
/// Decides what plain words ask for, from folded keywords (with or without diacritics). Generic on purpose: a verb of
/// filing next to "báo cáo" is filing, a question word makes it a question, words about who has filed or how many /
/// what share make it a status query, "xuất"/"tải" with a report or file word is an export.
/// </summary>
internal static class IntentDetector
{
    private static readonly string[] FilingVerbs = ["nop", "khai", "dien", "lam", "gui", "bat dau", "tiep tuc", "sua", "cap nhat"];

    private static readonly string[] QuestionMarkers =
    [
        "khi nao", "bao gio", "ngay nao", "hom nao", "la gi", "the nao", "nhu nao", "tai sao", "vi sao", "o dau", "ai",
        "han", "han chot", "thoi han", "co phai", "co can", "can gi", "gom nhung", "huong dan", "quy dinh", "chi tieu",
        "muc tieu", "yeu cau", "bao nhieu ngay", "may ngay",
    ];

    private static readonly string[] StatusMarkers =
    [
        "chua nop", "da nop", "chua bao cao", "da bao cao", "trang thai", "tien do", "tinh hinh", "ty le", "ti le",
        "bao nhieu truong", "bao nhieu don vi", "may truong", "may don vi", "truong nao", "don vi nao", "nhung truong",
        "danh sach", "thong ke", "tong hop", "da xong", "da hoan thanh", "chua xong", "chua hoan thanh", "so lieu",
    ];

    private static readonly string[] ScopeMarkers =
    [
        "toan tinh", "xa", "phuong", "truong", "don vi", "cac truong", "tinh", "so lieu", "hien nay", "hien tai",
        "thang", "quy", "nop", "xong", "hoan thanh",
    ];

    private static readonly string[] ExportVerbs = ["xuat", "tai ve", "tai file", "download", "export"];

    private static readonly string[] ExportObjects = ["bao cao", "file", "excel", "xlsx", "bang tinh", "du lieu", "so lieu"];

    /// <summary>Interrogatives that mark a question even inside a form (unlike "hạn", which also starts "hạn chế").</summary>
    private static readonly string[] StrongQuestionMarkers =
    [
        "khi nao", "bao gio", "ngay nao", "hom nao", "la gi", "the nao", "nhu nao", "tai sao", "vi sao", "o dau",
        "co phai", "bao nhieu ngay", "may ngay", "cho em hoi", "cho hoi", "cho minh hoi", "em hoi", "ad oi",
    ];

    /// <summary>Whether the words ask to do the filing ("nộp", "khai", "làm" …), not just name the report.</summary>
    public static bool HasFilingVerb(string text) => Has(" " + VietnameseText.FoldWords(text) + " ", FilingVerbs);

    /// <summary>Whether text typed in the middle of a form is a question rather than an answer.</summary>
    public static bool LooksLikeQuestion(string text)
    {
        var words = VietnameseText.Words(text);
        if (words.Length < 3)
        {
            return false;
        }

        var folded = " " + string.Join(' ', words) + " ";
        return text.TrimEnd().EndsWith('?') || Has(folded, StrongQuestionMarkers);
    }

    public static Intent Detect(string text)
    {
        var folded = " " + VietnameseText.FoldWords(text) + " ";
        var isQuestion = text.Contains('?', StringComparison.Ordinal) || Has(folded, QuestionMarkers);

        if (Has(folded, ExportVerbs) && Has(folded, ExportObjects))
        {
            return Intent.Export;
        }

        var statusScore = Count(folded, StatusMarkers);
        // A rate of the plan ("tỷ lệ ... phải đạt bao nhiêu") is a question; reported figures ("của xã tôi", "đã đạt chưa",
        // a period) are status: the knowledge base's reading of the question decides.
        if (statusScore > 0 && Has(folded, ScopeMarkers) && Knowledge.Understanding.QuestionReader.Read(text).AsksReportedFigures)
        {
            return Intent.Status;
        }

        var mentionsReport = folded.Contains(" bao cao", StringComparison.Ordinal);
        if (mentionsReport && !isQuestion)
        {
            // "nộp báo cáo tháng", "bao cao thang 11", "báo cáo": filing, unless phrased as a question.
            var words = folded.Trim().Split(' ');
            var onlyReportAndPeriod = words.All(w => w is "bao" or"cao" or"thang" or"quy" or"nam" or"nay" or"truoc"
                or "a" or"oi" or"ad" or"em" or"minh" or"cho" or"muon" or"can" or"nhe" || w.All(char.IsDigit));
            if (onlyReportAndPeriod || Has(folded, FilingVerbs))
            {
                return Intent.Filing;
            }
        }

        return Intent.Question;
    }

    // Markers match whole words: "ai" must not match inside "khai".
    private static bool Has(string folded, IEnumerable<string> markers) => markers.Any(m => folded.Contains($" {m} ", StringComparison.Ordinal));

    private static int Count(string folded, IEnumerable<string> markers) => markers.Count(m => folded.Contains($" {m} ", StringComparison.Ordinal));
}
