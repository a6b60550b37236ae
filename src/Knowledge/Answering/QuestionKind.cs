using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>What a question asks for, which decides the shape of the answer.</summary>
public enum QuestionKind
{
    General,
    Responsibility,
    Deadline,
    Target,
    Practice,
    Reference,
}

/// <summary>Recognises the kind of a question from its question words (with or without accents).</summary>
public static partial class QuestionClassifier
{
    private static readonly string[] ReferenceMarkers =
    [
        "van ban nao", "quyet dinh nao", "cong van nao", "thong tu nao", "nghi dinh nao", "luat nao", "ke hoach nao", "can cu",
        "van ban gi", "quyet dinh so", "so hieu", "so may", "ky hieu", "la van ban", "ai ky", "nguoi ky", "ky ban hanh", "nguon nao", "nguon kinh phi",
        "tu nguon", "phong trao nao", "phong trao gi",
    ];

    private static readonly string[] ResponsibilityMarkers =
    [
        " ai ", "phong nao", "don vi nao", "co quan nao", "bo phan nao", "chu tri", "phoi hop", "ve dau", "qua dau", "gui dau",
        "nop o dau", "nop cho", "trach nhiem", "dau moi", "phu trach", "giao cho",
    ];

    private static readonly string[] DeadlineMarkers =
    [
        "khi nao", "bao gio", " han ", "thoi han", "thoi gian", "ngay nao", "truoc ngay", "may ngay", "bao nhieu ngay",
        "bao lau", "luc nao", "thang nao", "nam nao", "hieu luc", "han chot", "het han", "moc",
    ];

    private static readonly string[] TargetMarkers =
    [
        "bao nhieu", "ty le", "ti le", "phan tram", "%", "muc nao", "muc may", "toi thieu", "can dat", "phai dat", "dat muc",
        "may mien", "chi tieu", "yeu cau",
    ];

    private static readonly string[] PracticeMarkers =
    [
        "nhu the nao", "the nao", "ra sao", "lam gi", "cach nao", "cach ", "quy dinh ve", "can lam", "phai lam", "bien phap",
        "luu y", "nen lam", "sao cho", "the nao cho", "lam sao", "nhu nao",
    ];

    // "như thế nào" asks how, even when "phải đạt" makes it sound like a target.
    private static readonly string[] HowMarkers = ["nhu the nao", "the nao", "ra sao", "lam gi", "cach nao", "sao cho", "lam sao"];

    private static readonly string[] DocumentMarkers =
    [
        "van ban", "quyet dinh", "cong van", "thong tu", "nghi dinh", "luat", "so hieu", "so may", "ke hoach so", "ke hoach nao", "ky hieu",
    ];

    /// <summary>True when a reference question wants a document's identity (number, name), not another fact.</summary>
    public static bool AsksForDocument(string question) => Has(FoldedWords(question), DocumentMarkers);

    private static readonly string[] AboutMarkers =
    [
        " ve gi ", " quy dinh gi ", " noi gi ", " noi ve gi ", " noi dung gi ", " noi dung chinh ", " la gi ", " van ban gi ",
        " ve viec gi ", " ve van de gi ", " de lam gi ", " quy dinh nhung gi ", " noi dung la gi ", " ve cai gi ",
    ];

    /// <summary>"Văn bản X về gì / quy định gì / là văn bản gì": a question about what a document is.</summary>
    public static bool AsksWhatDocumentIsAbout(string question) => Has(FoldedWords(question), AboutMarkers);

    private static readonly string[] RecipientMarkers =
    [
        " cho ai ", " ve dau ", " len dau ", " o dau ", " gui dau ", " qua dau ", " nop dau ", " gui ai ", " nop ai ", " cho don vi nao ", " cho co quan nao ",
    ];

    /// <summary>"nộp báo cáo cho ai / gửi về đâu / báo cáo lên đâu": who a report goes to.</summary>
    public static bool AsksReportRecipient(string question)
    {
        var text = FoldedWords(question);
        return text.Contains(" bao cao ", StringComparison.Ordinal) && Has(text, RecipientMarkers);
    }

    /// <summary>The periodic reports a deadline question is about ("báo cáo tháng", "báo cáo quý"); all of them for "báo cáo định kỳ".</summary>
    public static List<ReportPeriod> PeriodicReports(string question)
    {
        var text = FoldedWords(question);
        // "hạn nộp là ngày nào?": in this plan the only thing units submit on a deadline is their periodic report,
        // so a deadline for submitting with no object named means the reports.
        var submitsByDeadline = text.Contains(" han ", StringComparison.Ordinal) && SubmitsWithoutObject().IsMatch(text);
        if (!text.Contains(" bao cao ", StringComparison.Ordinal) && !submitsByDeadline)
        {
            return [];
        }

        var periods = new List<ReportPeriod>();
        if (Regex.IsMatch(text, @" thang (?!\d)"))
        {
            periods.Add(ReportPeriod.Monthly);
        }

        if (text.Contains(" quy ", StringComparison.Ordinal))
        {
            periods.Add(ReportPeriod.Quarterly);
        }

        if (Regex.IsMatch(text, @" nam (?!hoc|\d)"))
        {
            periods.Add(ReportPeriod.Annual);
        }

        if (periods.Count == 0 && (submitsByDeadline || text.Contains(" dinh ky ", StringComparison.Ordinal) || text.Contains(" nop ", StringComparison.Ordinal)))
        {
            periods.AddRange([ReportPeriod.Monthly, ReportPeriod.Quarterly, ReportPeriod.Annual]);
        }

        return periods;
    }

    /// <summary>"... có trách nhiệm gì / nhiệm vụ gì": a question wanting a list of duties.</summary>
    public static bool AsksForDuties(string question)
    {
        var text = FoldedWords(question);
        return (text.Contains(" trach nhiem ", StringComparison.Ordinal) || text.Contains(" nhiem vu ", StringComparison.Ordinal))
            && (text.Contains(" gi ", StringComparison.Ordinal) || text.Contains(" nhu the nao ", StringComparison.Ordinal) || text.Contains(" nhung ", StringComparison.Ordinal));
    }

    /// <summary>The question's syllables folded and space-separated, padded so markers match whole words.</summary>
    public static string FoldedWords(string? question) =>
        " " + string.Join(' ', VietnameseTokenizer.Tokenize(question ?? string.Empty).Select(t => t.Folded)) + " ";

    public static QuestionKind Classify(string question)
    {
        var folded = FoldedWords(question);
        if (question?.Contains('%', StringComparison.Ordinal) == true)
        {
            folded += "% ";
        }

        return Has(folded, ReferenceMarkers) ? QuestionKind.Reference
            : Has(folded, ResponsibilityMarkers) ? QuestionKind.Responsibility
            : Has(folded, DeadlineMarkers) ? QuestionKind.Deadline
            : Has(folded, HowMarkers) ? QuestionKind.Practice
            : Has(folded, TargetMarkers) ? QuestionKind.Target
            : Has(folded, PracticeMarkers) ? QuestionKind.Practice
            : QuestionKind.General;
    }

    private static bool Has(string folded, string[] markers) => markers.Any(m => folded.Contains(m, StringComparison.Ordinal));

    // "nộp"/"gửi" followed by nothing but time and question words: nothing else is named as what is submitted.
    [GeneratedRegex(@" (?:nop|gui)(?: (?:la|vao|truoc|ngay|nao|khi|bao|gio|han|chot|thang|quy|nam|nay|sau|toi|cuoi|cung|o|dau|ha|a|nhi|vay|the))* $")]
    private static partial Regex SubmitsWithoutObject();
}
