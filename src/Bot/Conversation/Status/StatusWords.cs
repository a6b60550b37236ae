using DtsAssistant.Reporting.Directory;
using DtsAssistant.Text;

namespace DtsAssistant.Bot.Conversation.Status;

/// <summary>What a status question asks for, read from its folded words (" ... " with spaces around).</summary>
internal static class StatusWords
{
    public static string Fold(string text) => " " + VietnameseText.FoldWords(text) + " ";

    /// <summary>"nộp muộn", "trễ hạn", "đúng hạn": the late list.</summary>
    public static bool AsksLate(string folded) =>
        Has(folded, " muon ", " tre han ", " qua han ", " dung han ", " nop tre ", " cham nop ");

    public static bool AsksMissing(string folded) =>
        Has(folded, " chua nop ", " chua bao cao ", " chua gui ", " chua xong ", " chua hoan thanh ", " danh sach ", " con truong nao ",
            " con don vi nao ", " no bao cao ")
        && !Has(folded, " ty le ", " ti le ");

    /// <summary>Words that ask for a list or table of reported figures, whatever a knowledge reading would say.</summary>
    public static bool AsksForStatusList(string folded) =>
        AsksChart(folded) is not null || AsksIndicatorTable(folded) || (AsksLate(folded) && Has(folded, " nao ", " danh sach ", " nhung ", " cac truong ", " cac don vi "));

    /// <summary>
    /// "biểu đồ …": which chart — indicators when it names "chỉ tiêu", the communes' rates when it asks "theo xã" or
    /// "các xã", otherwise the filing progress towards the deadline. Null when no chart is asked for.
    /// </summary>
    public static Charts.ChartKind? AsksChart(string folded) =>
        !Has(folded, " bieu do ", " do thi ") ? null
        : Has(folded, " chi tieu ") ? Charts.ChartKind.Indicators
        : Has(folded, " theo xa ", " theo phuong ", " cac xa ", " tung xa ", " moi xa ", " xa phuong ", " xa nao ") ? Charts.ChartKind.Communes
        : Charts.ChartKind.Progress;

    /// <summary>"các chỉ tiêu … so với kế hoạch": every indicator against its target.</summary>
    public static bool AsksIndicatorTable(string folded) =>
        Has(folded, " chi tieu ") && Has(folded, " so voi ", " dat chua ", " dat duoc ", " ke hoach ", " bang ", " cac chi tieu ", " nhung chi tieu ")
        && !Has(folded, " la gi ", " bao nhieu phan tram ", " quy dinh ");

    /// <summary>The unit kinds named ("THPT", "mầm non", "TH&amp;THCS", "đơn vị trực thuộc Sở"); empty when none.</summary>
    public static IReadOnlyCollection<UnitKind> Kinds(string text)
    {
        var folded = Fold(text.Replace("&", " va ", StringComparison.Ordinal));
        var kinds = new HashSet<UnitKind>();
        foreach (var combined in new[] { " th va thcs ", " tieu hoc va thcs ", " tieu hoc va trung hoc co so ", " lien cap " })
        {
            if (folded.Contains(combined, StringComparison.Ordinal))
            {
                kinds.Add(UnitKind.PrimaryAndLowerSecondary);
                folded = folded.Replace(combined, " ", StringComparison.Ordinal);
            }
        }

        void When(UnitKind kind, params string[] words)
        {
            if (Has(folded, words))
            {
                kinds.Add(kind);
            }
        }

        When(UnitKind.Preschool, " mn ", " mam non ", " mau giao ");
        When(UnitKind.Primary, " th ", " tieu hoc ");
        When(UnitKind.LowerSecondary, " thcs ", " trung hoc co so ");
        When(UnitKind.UpperSecondary, " thpt ", " trung hoc pho thong ");
        When(UnitKind.ContinuingEducation, " gdtx ", " gdnn ", " giao duc thuong xuyen ", " giao duc nghe nghiep ");
        When(UnitKind.DirectUnit, " truc thuoc so ", " don vi truc thuoc ");
        return kinds;
    }

    /// <summary>The proper name written after "xã"/"phường" (capitalised), for "not found" replies; null when none.</summary>
    public static string? WrittenCommuneName(string text)
    {
        var words = text.Split([' ', ',', '?', '.', '!', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            var folded = VietnameseText.FoldWords(words[i]);
            if (folded is "xa" or "phuong" && char.IsUpper(words[i + 1][0]))
            {
                return string.Join(' ', words.Skip(i + 1).TakeWhile(w => char.IsUpper(w[0])).Take(4));
            }
        }

        return null;
    }

    private static bool Has(string folded, params string[] markers) => markers.Any(m => folded.Contains(m, StringComparison.Ordinal));
}
