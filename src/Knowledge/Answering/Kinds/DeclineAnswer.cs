using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// "Not found", said honestly: nothing in the documents answers. Offers two or three nearby topics that do exist — the
/// records whose words the question touches most, or the first records of the plan when it touches none.
/// </summary>
internal static class DeclineAnswer
{
    private const int Suggestions = 3;
    private const int TopicWords = 8;

    public static KnowledgeAnswer For(AnswerContext context)
    {
        var plan = context.Facts.Documents.FirstOrDefault(d => d.Authority == Authority.Verbatim)?.DisplayName ?? "tài liệu";
        var text = $"Tôi chưa tìm thấy nội dung này trong {plan} và các văn bản hướng dẫn đang có. Tôi có thể trả lời về trách nhiệm, thời hạn, chỉ tiêu và an toàn thông tin trong kế hoạch chuyển đổi số của ngành.";
        var nearby = Nearby(context);
        if (nearby.Count > 0)
        {
            text += " Bạn có thể hỏi: " + string.Join("; ", nearby) + ".";
        }

        return new KnowledgeAnswer(text, false, []);
    }

    private static List<string> Nearby(AnswerContext context)
    {
        var records = context.Facts.Records;
        if (records.Count == 0)
        {
            return [];
        }

        var linker = context.Question.TopicTokens.Count > 0 ? context.Linker : null;
        var ranked = records
            .Select((r, i) => (Record: r, Score: linker?.Match(r.Terms).Score ?? 0, Order: i))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Order)
            .DistinctBy(x => x.Record.Label)
            .Take(Suggestions - 1)
            .Select(x => $"\"Ai chủ trì {x.Record.Name} ({Short(x.Record.Text)})?\"")
            .ToList();
        if (context.Facts.Schedule is not null)
        {
            ranked.Add("\"Hạn nộp báo cáo tháng là ngày nào?\"");
        }

        return ranked.Take(Suggestions).ToList();
    }

    private static string Short(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= TopicWords ? text : string.Join(' ', words.Take(TopicWords)).TrimEnd(',', ';', ':') + "…";
    }
}
