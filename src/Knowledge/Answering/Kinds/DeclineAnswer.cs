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

    /// <summary>"Chỉ tiêu 15" when the table has 11: says how many there are, then declines.</summary>
    public static KnowledgeAnswer NoSuchItem(AnswerContext context, Understanding.ItemReference reference)
    {
        var table = context.Facts.Records.Where(r => (reference.Label is null || r.FoldedLabel == reference.Label) && (reference.Table is null || r.TableNumber == reference.Table))
            .GroupBy(r => (r.Table, r.Label)).FirstOrDefault();
        var decline = For(context);
        return table is null ? decline
            : decline with { Answer = $"{table.Key.Table} có {table.Count()} {table.Key.Label}, không có {table.Key.Label} {reference.Number}. {decline.Answer}" };
    }

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

        // Matched without diacritics, so a question typed with or without them gets the same suggestions.
        var folded = Understanding.QuestionReader.Read(global::DtsAssistant.Text.VietnameseText.NormalizeAndFold(context.Question.Text), context.Index.IsWord);
        var linker = folded.TopicTokens.Count > 0 ? new Facts.TopicLinker(folded, context.Index.Index, context.Index.Analyzer.Glossary) : null;
        // Records the topic touches first, best first; then every record in table order (a record that shares no word
        // with the topic scores 0, so only the first of each label can be offered from that part).
        var touched = linker is null ? [] : context.Facts.RecordsUsingAny(folded.TopicTokens)
            .Select(r => (Record: r, linker.Match(r.Terms).Score))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ToList();
        var ranked = touched.Concat(records.Select(r => (Record: r, Score: 0.0)))
            .DistinctBy(x => x.Record.Label)
            .Take(Suggestions - 1)
            .Select(x => $"\"Ai chủ trì {x.Record.Name} ({Short(x.Record.Text)})?\"")
            .ToList();
        if (context.Schedule is not null)
        {
            ranked.Add("\"Hạn nộp báo cáo tháng là ngày nào?\"");
        }

        return ranked.Take(Suggestions).ToList();
    }

    /// <summary>The text when it has at most <see cref="TopicWords"/> words, else its first ones (one space apart) and "…".</summary>
    private static string Short(string text) => TextCuts.FirstWords(text, TopicWords);
}
