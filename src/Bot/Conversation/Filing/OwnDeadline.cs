using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// "Hạn nộp là ngày nào?", "nộp về đâu?" typed while filing: answered for this unit's own report — its deadline and who
/// receives it (a commune's school files to its UBND xã/phường, not to the Sở's form) — instead of the plan's general
/// sentence, which names both reporting lines.
/// </summary>
internal static class OwnDeadline
{
    private static readonly string[] WhenMarkers = [" han ", " han chot ", " thoi han ", " khi nao ", " bao gio ", " ngay nao ", " truoc ngay "];

    private static readonly string[] WhereMarkers = [" o dau ", " ve dau ", " cho ai ", " gui ai ", " nop ai ", " len dau ", " ai nhan "];

    public static Reply? Answer(DraftSession session, string text, DateOnly today)
    {
        var folded = " " + VietnameseText.FoldWords(text) + " ";
        var aboutFiling = folded.Contains(" nop ", StringComparison.Ordinal) || folded.Contains(" bao cao ", StringComparison.Ordinal)
            || folded.Contains(" han ", StringComparison.Ordinal);
        if (!aboutFiling || !(WhenMarkers.Any(folded.Contains) || WhereMarkers.Any(folded.Contains)))
        {
            return null;
        }

        // Status questions ("trường nào chưa nộp?") are not about this unit's own deadline.
        if (IntentDetector.Detect(text) is Intent.Status or Intent.Export)
        {
            return null;
        }

        return new Reply(string.Join("\n",
            $"Báo cáo {session.Period.Label} của {session.Unit.Name}: {CommonTexts.Deadline(session.Window, today)}",
            Receiver(session.Unit)));
    }

    private static string Receiver(UnitInfo unit) => unit.ReportsTo == ReportingLine.Commune
        ? $"Đơn vị báo cáo về {(unit.Commune is { } c ? "UBND " + c.Name : "UBND xã/phường")} (đơn vị quản lý trực tiếp). " +
          "Bạn nộp ngay trong cuộc trò chuyện này; không cần điền biểu mẫu của Sở."
        : "Đơn vị trực thuộc Sở báo cáo về Sở GDĐT. Bạn nộp ngay trong cuộc trò chuyện này.";
}
