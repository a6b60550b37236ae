using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>"Phòng Tài chính chủ trì những gì?": every record the named unit leads, by table, each with a short text.</summary>
internal static class ListAnswer
{
    private const int ItemWords = 10;

    public static KnowledgeAnswer? For(AnswerContext context)
    {
        var linker = context.Linker;
        var lead = context.Facts.LeadTopics
            .Select(l => (l.Lead, Match: linker.Match(l.Terms)))
            .Where(x => x.Match.Coverage >= 0.6)
            .OrderByDescending(x => x.Match.Score)
            .Select(x => x.Lead)
            .FirstOrDefault();
        if (lead is null)
        {
            return null;
        }

        var records = context.Facts.Records.Where(r => r.Lead?.Value == lead).ToList();
        var parts = records.GroupBy(r => (r.Table, r.Label)).Select(g =>
            $"{g.Key.Table} ({g.Count()} {g.Key.Label}): " + string.Join("; ", g.Select(r => $"{r.Number}. {Short(r.Text)}")));
        var text = $"{lead} chủ trì {records.Count} mục — {string.Join(". ", parts)}.";
        return new KnowledgeAnswer(text, true, records.Take(6).Select(r => TextCuts.Cite(r.Source, r.Source.Text)).ToList());
    }

    /// <summary>The text, or its first <see cref="ItemWords"/> words and "…" when it has more than two words beyond them.</summary>
    private static string Short(string text) => TextCuts.FirstWords(text, ItemWords, slack: 2);
}
