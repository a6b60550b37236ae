using DtsAssistant.Knowledge.Facts;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// "Tỷ lệ giáo viên có chữ ký số phải đạt bao nhiêu?": the target sentence of the plan's body or the table record whose
/// words hold the question's topic best; the body states the target in the plan's own words, so it wins a tie.
/// </summary>
internal static class TargetAnswer
{
    public static KnowledgeAnswer? For(AnswerContext context, double minCoverage)
    {
        var linker = context.Linker;
        var target = context.Facts.Targets.Select(t => (Fact: t, Match: linker.Match(t.Terms))).DefaultIfEmpty().MaxBy(x => x.Match.Score);
        var record = context.Facts.Records.Where(r => r.Targets.Count > 0).Select(r => (Fact: r, Match: linker.Match(r.Terms))).DefaultIfEmpty().MaxBy(x => x.Match.Score);
        var useRecord = record.Fact is not null && (target.Fact is null || record.Match.Score > target.Match.Score * 1.1);
        if (useRecord)
        {
            return record.Match.Coverage >= minCoverage ? RecordAnswer.For(context, [record.Fact!]) : null;
        }

        if (target.Fact is null || target.Match.Coverage < minCoverage)
        {
            return null;
        }

        var text = TextCuts.WithAuthorityNote(TextCuts.EndSentence(TextCuts.Capitalize(target.Fact.Text)), target.Fact.Source.Authority);
        return new KnowledgeAnswer(text, true, [TextCuts.Cite(target.Fact.Source, target.Fact.Text)]);
    }
}
