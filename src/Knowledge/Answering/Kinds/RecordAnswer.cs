using System.Globalization;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// An answer from one or two table records, in the shape the intent asks for: who leads (and who takes part), when,
/// how much, or the whole record. Fact first, the item named with a short form of its text, then the citation.
/// </summary>
internal static class RecordAnswer
{
    public static KnowledgeAnswer For(AnswerContext context, IReadOnlyList<PlanRecord> records)
    {
        var words = context.Question.TopicWords.ToList();
        var sentences = records.Select(r => Sentence(context, r, words, brief: records.Count > 1)).ToList();
        var authority = records.Max(r => r.Source.Authority);
        var text = TextCuts.WithAuthorityNote(string.Join(" ", sentences), authority);
        return new KnowledgeAnswer(text, true, records.Select(r => TextCuts.Cite(r.Source, r.Source.Text)).ToList());
    }

    public static string Sentence(AnswerContext context, PlanRecord record, IReadOnlyCollection<string> words, bool brief)
    {
        // Asked by number, the person may not know the item: its whole text. Asked by topic, a short form will do.
        var subject = context.Question.References.Count > 0 && !brief ? record.Text : TextCuts.ShortSubject(record.Text, words);
        var item = $"{record.Name} ({subject})";
        var lead = record.Lead;
        var partners = record.Partners;
        var deadline = record.Deadline;
        var due = deadline is null ? string.Empty : TextCuts.LowerFirst(deadline.Value) + TextCuts.Relative(deadline.Value, context.Today);
        switch (context.Question.Intent)
        {
            case QuestionIntent.When when deadline is not null:
                return lead is null
                    ? $"{TextCuts.Capitalize(item)} có thời hạn: {due}."
                    : $"{TextCuts.Capitalize(item)} có thời hạn: {due}; {lead.Value} {LeadRole(lead.Header)}.";
            case QuestionIntent.WhoCoordinates or QuestionIntent.WhoImplements when partners is not null:
                return $"{PartnerRole(partners)} {item}: {partners.Value}" + (lead is null ? "." : $"; {lead.Value} {LeadRole(lead.Header)}.");
            case QuestionIntent.WhoLeads or QuestionIntent.WhoCoordinates or QuestionIntent.WhoImplements or QuestionIntent.ListByUnit when lead is not null:
                return $"{lead.Value} {LeadRole(lead.Header)} {item}." + (partners is null || brief ? string.Empty : $" {PartnerRole(partners)}: {partners.Value}.");
            case QuestionIntent.HowMuch when record.Targets.Count > 0:
                return $"{TextCuts.Capitalize(record.Name)} đặt mục tiêu: {TextCuts.EndSentence(record.Text)}" + (deadline is null ? string.Empty : $" Thời hạn: {due}.");
            default:
                var text = new System.Text.StringBuilder();
                text.Append(CultureInfo.InvariantCulture, $"{TextCuts.Capitalize(record.Name)} của {record.Table}: {(brief ? subject : record.Text)}.");
                if (lead is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {TextCuts.Capitalize(LeadRole(lead.Header))}: {lead.Value}.");
                }

                if (partners is not null && !brief)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {PartnerRole(partners)}: {partners.Value}.");
                }

                if (deadline is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" Thời hạn: {due}.");
                }

                return text.ToString();
        }
    }

    /// <summary>"Đơn vị chủ trì theo dõi, hướng dẫn, đôn đốc ..." reads as "chủ trì theo dõi".</summary>
    public static string LeadRole(string header)
    {
        var role = header.StartsWith("Đơn vị ", StringComparison.OrdinalIgnoreCase) ? header["Đơn vị ".Length..] : header;
        var comma = role.IndexOf(',', StringComparison.Ordinal);
        return TextCuts.LowerFirst(comma > 0 ? role[..comma] : role);
    }

    /// <summary>"Đơn vị tổ chức triển khai và báo cáo ..." reads as "Đơn vị triển khai"; "Đơn vị phối hợp" as "Phối hợp".</summary>
    public static string PartnerRole(TableCell cell) => Cooperates(cell) ? "Phối hợp" : "Đơn vị triển khai";

    /// <summary>Whether a partners column names cooperation ("Đơn vị phối hợp") rather than carrying out the task.</summary>
    public static bool Cooperates(TableCell cell) =>
        global::DtsAssistant.Text.VietnameseText.NormalizeAndFold(cell.Header).Contains("phoi hop", StringComparison.Ordinal);
}
