using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>Greetings, thanks, "bạn là ai", "bạn giúp được gì": a short friendly reply and what the assistant can do.</summary>
internal static class SmallTalkAnswer
{
    /// <summary>What the assistant can do, for every reply that needs it (the conversation layer may say it per role).</summary>
    public const string Capabilities =
        "Tôi trả lời các câu hỏi về Kế hoạch chuyển đổi số của ngành: ai chủ trì, thời hạn, chỉ tiêu, hạn nộp báo cáo, an toàn thông tin; và giúp đơn vị nộp báo cáo định kỳ.";

    public static KnowledgeAnswer For(UnderstoodQuestion question) => new(Reply(question), true, []);

    private static string Reply(UnderstoodQuestion question) => question.Intent == QuestionIntent.Help
        ? $"{Capabilities} Bạn cứ hỏi, ví dụ: \"Ai chủ trì chỉ tiêu học bạ số?\" hoặc \"Hạn nộp báo cáo tháng là ngày nào?\"."
        : question.SmallTalk switch
        {
            SmallTalkKind.Thanks => "Không có gì, rất vui được giúp bạn! Cần thêm thông tin gì bạn cứ hỏi nhé.",
            SmallTalkKind.Farewell => "Chào bạn, hẹn gặp lại! Cần gì bạn cứ hỏi nhé.",
            SmallTalkKind.Identity => $"Tôi là trợ lý chuyển đổi số của Sở GDĐT. {Capabilities}",
            _ => $"Xin chào! Tôi là trợ lý chuyển đổi số của Sở GDĐT, tôi có thể giúp gì cho bạn? {Capabilities}",
        };
}
