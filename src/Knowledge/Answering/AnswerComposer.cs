using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>
/// Builds one grounded answer: retrieves chunks, checks they cover the question, then answers in the shape the question
/// kind asks for — a table row's lead unit or deadline, the reporting schedule relative to today, or the few sentences
/// (trimmed to the matching clauses) that answer it — fact first, then citations.
/// </summary>
internal sealed partial class AnswerComposer(KnowledgeIndex index, DateOnly today)
{
    /// <summary>Share of the question's content (idf-weighted) the best passage must contain to count as an answer.</summary>
    internal const double MinCoverage = 0.5;

    private const int Candidates = 6;
    private const int LongSentence = 320;
    private const int MaxQuote = 480;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public KnowledgeAnswer Answer(string question)
    {
        var analysis = index.Analyzer.AnalyzeQuery(question);
        if (analysis.ContentWords.Count == 0 && analysis.GlossaryMentions.Count == 0)
        {
            return NotFound();
        }

        var hits = index.Search(analysis, Candidates);
        if (hits.Count == 0 || hits.Take(3).Max(h => Coverage(analysis, h.Chunk)) < MinCoverage)
        {
            return NotFound();
        }

        var kind = QuestionClassifier.Classify(question);
        if (kind == QuestionKind.Deadline && index.Schedule is { } schedule && AsksPeriodicReport(question) is { Count: > 0 } periods)
        {
            return ScheduleAnswer(schedule, periods);
        }

        var top = hits[0].Chunk;
        if (top.Row is { } row && kind is QuestionKind.Responsibility or QuestionKind.Deadline or QuestionKind.Target or QuestionKind.General)
        {
            return RowAnswer(top, row, kind);
        }

        return SentenceAnswer(hits, kind, analysis);
    }

    /// <summary>idf-weighted share of the question's content words found in a chunk (glossary equivalents count).</summary>
    internal double Coverage(QueryAnalysis analysis, KnowledgeChunk chunk)
    {
        var terms = new HashSet<string>(index.Analyzer.DocumentTerms(chunk.IndexText), StringComparer.Ordinal);
        var covered = new HashSet<string>(analysis.ContentWords.Where(w => terms.Contains("u:" + w)), StringComparer.Ordinal);
        foreach (var entry in analysis.GlossaryMentions)
        {
            var expansion = entry.ExpansionTokens.All(t => terms.Contains("u:" + t));
            var abbreviation = entry.AbbreviationTokens.All(t => terms.Contains("u:" + t));
            if (expansion || abbreviation)
            {
                covered.UnionWith(entry.AbbreviationTokens);
                covered.UnionWith(entry.ExpansionTokens);
            }
        }

        double total = 0, found = 0;
        foreach (var word in analysis.ContentWords)
        {
            var weight = index.Index.Idf("u:" + word);
            total += weight;
            found += covered.Contains(word) ? weight : 0;
        }

        return total == 0 ? 0 : found / total;
    }

    private KnowledgeAnswer NotFound()
    {
        var plan = index.Documents.FirstOrDefault(d => d.Authority == Authority.Verbatim)?.DisplayName ?? "tài liệu";
        return new KnowledgeAnswer(
            $"Tôi chưa tìm thấy nội dung này trong {plan} và các văn bản hướng dẫn đang có. Tôi có thể trả lời về trách nhiệm, thời hạn, chỉ tiêu và an toàn thông tin trong kế hoạch chuyển đổi số của ngành.",
            false,
            []);
    }

    private static List<ReportPeriod> AsksPeriodicReport(string question)
    {
        var words = VietnameseTokenizer.Tokenize(question).Select(t => t.Folded).ToList();
        var text = " " + string.Join(' ', words) + " ";
        if (!text.Contains(" bao cao ", StringComparison.Ordinal))
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

        if (periods.Count == 0 && (text.Contains(" dinh ky ", StringComparison.Ordinal) || text.Contains(" nop ", StringComparison.Ordinal)))
        {
            periods.AddRange([ReportPeriod.Monthly, ReportPeriod.Quarterly, ReportPeriod.Annual]);
        }

        return periods;
    }

    private KnowledgeAnswer ScheduleAnswer(ReportingSchedule schedule, List<ReportPeriod> periods)
    {
        var sentences = new List<string>();
        foreach (var period in periods)
        {
            if (schedule.Next(period, today) is not { } due)
            {
                continue;
            }

            var rule = period switch
            {
                ReportPeriod.Monthly => $"Báo cáo tháng nộp trước ngày {schedule.MonthlyDay} hằng tháng",
                ReportPeriod.Quarterly => $"Báo cáo quý nộp trước ngày {schedule.QuarterlyDay} tháng cuối quý",
                _ => $"Báo cáo năm nộp trước ngày {schedule.Annual!.Value.Day}/{schedule.Annual.Value.Month}",
            };
            var current = period switch
            {
                ReportPeriod.Monthly => due.CurrentPeriodPassed ? "hạn tháng này đã qua, tháng sau" : "tháng này",
                ReportPeriod.Quarterly => due.CurrentPeriodPassed ? "hạn quý này đã qua, quý sau" : "quý này",
                _ => due.CurrentPeriodPassed ? "hạn năm nay đã qua, năm sau" : "năm nay",
            };
            sentences.Add($"{rule} — {current} là trước {Date(due.DueBefore)} (ngày cuối cùng {Date(due.LastDay)}), còn {due.DaysLeft(today)} ngày.");
        }

        var recipients = Recipients().Match(schedule.Source.Text);
        if (recipients.Success)
        {
            sentences.Add(Capitalize(recipients.Groups[1].Value.Trim()) + ".");
        }

        var answer = string.Join(" ", sentences);
        return new KnowledgeAnswer(answer, true, [Cite(schedule.Source, Quote(schedule.Source.Text))]);
    }

    private KnowledgeAnswer RowAnswer(KnowledgeChunk chunk, TableRowRecord row, QuestionKind kind)
    {
        var subject = row.Cell(ColumnRole.Subject)?.Value.TrimEnd('.', ' ') ?? string.Empty;
        var lead = row.Cell(ColumnRole.Lead);
        var partners = row.Cell(ColumnRole.Partners);
        var deadline = row.Cell(ColumnRole.Deadline);
        var item = $"{row.ItemLabel} {row.Number}";
        var text = new StringBuilder();
        switch (kind)
        {
            case QuestionKind.Deadline when deadline is not null:
                text.Append(CultureInfo.InvariantCulture, $"{deadline.Header} {item} ({subject}): {LowerFirst(deadline.Value)}{Relative(deadline.Value)}.");
                if (lead is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {lead.Header}: {lead.Value}.");
                }

                break;
            case QuestionKind.Responsibility when lead is not null:
                text.Append(CultureInfo.InvariantCulture, $"{lead.Value} {LeadRole(lead.Header)} {item} ({subject}).");
                if (partners is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {partners.Header}: {partners.Value}.");
                }

                if (deadline is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {deadline.Header}: {LowerFirst(deadline.Value)}{Relative(deadline.Value)}.");
                }

                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"{Capitalize(item)} của {row.Table}: {subject}.");
                if (deadline is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {deadline.Header}: {LowerFirst(deadline.Value)}{Relative(deadline.Value)}.");
                }

                if (lead is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {lead.Header}: {lead.Value}.");
                }

                break;
        }

        return new KnowledgeAnswer(WithAuthorityNote(text.ToString(), chunk.Authority), true, [Cite(chunk, Quote(chunk.Text))]);
    }

    private KnowledgeAnswer SentenceAnswer(IReadOnlyList<(KnowledgeChunk Chunk, double Score)> hits, QuestionKind kind, QueryAnalysis analysis)
    {
        var topScore = hits[0].Score;
        var candidates = new List<Candidate>();
        foreach (var (chunk, score) in hits)
        {
            var sentences = SplitSentences(chunk.Text);
            for (var i = 0; i < sentences.Count; i++)
            {
                var sentenceScore = ScoreText(sentences[i], analysis) * (0.6 + (0.4 * score / topScore)) * KindBonus(sentences[i], kind);
                candidates.Add(new Candidate(chunk, sentences, i, sentenceScore));
            }
        }

        var best = candidates.MaxBy(c => c.Score)!;
        var sentence = Trim(best.Sentences[best.Index], analysis);
        if (kind == QuestionKind.Responsibility && !UnitName().IsMatch(sentence) && best.Index > 0)
        {
            // "Chủ trì, phối hợp ... xây dựng dự toán" has its subject in the sentence before.
            sentence = Trim(best.Sentences[best.Index - 1], analysis) + " " + sentence;
        }

        var parts = new List<string> { sentence };
        var second = candidates.Where(c => c != best && c.Chunk == best.Chunk && Math.Abs(c.Index - best.Index) > 0 && c.Score >= best.Score * 0.75)
            .MaxBy(c => c.Score);
        if (kind is QuestionKind.Practice or QuestionKind.General && second is not null && sentence.Length < 300)
        {
            var extra = Trim(second.Sentences[second.Index], analysis);
            parts.Insert(second.Index < best.Index ? 0 : 1, extra);
        }

        var body = string.Join(" ", parts.Select(p => EndSentence(Capitalize(p))));
        body = SpelledDate().Replace(body, m => $"{m.Value} ({NumericDate(m)})");
        var chunkInfo = best.Chunk.Document;
        if (best.Chunk.Authority != Authority.Verbatim || chunkInfo.Authority != Authority.Verbatim)
        {
            body = $"Theo {chunkInfo.DisplayName}: {body}";
        }
        else if (kind == QuestionKind.Reference && !DocumentNumber().IsMatch(body))
        {
            body = $"{body.TrimEnd('.')} ({chunkInfo.DisplayName}).";
        }

        var quote = string.Join(" ", parts);
        return new KnowledgeAnswer(WithAuthorityNote(body, best.Chunk.Authority), true, [Cite(best.Chunk, Quote(quote))]);
    }

    private double ScoreText(string text, QueryAnalysis analysis)
    {
        var terms = new HashSet<string>(index.Analyzer.DocumentTerms(text), StringComparer.Ordinal);
        double score = 0;
        foreach (var (term, weight) in analysis.Terms)
        {
            if (terms.Contains(term))
            {
                score += index.Index.Idf(term) * weight;
            }
        }

        return score;
    }

    private static double KindBonus(string sentence, QuestionKind kind) => kind switch
    {
        QuestionKind.Responsibility when UnitName().IsMatch(sentence) => 1.2,
        QuestionKind.Deadline when TimeExpression().IsMatch(sentence) => 1.3,
        QuestionKind.Target when sentence.Contains('%', StringComparison.Ordinal) || Regex.IsMatch(sentence, @"\d") => 1.3,
        QuestionKind.Reference when DocumentNumber().IsMatch(sentence) => 1.3,
        _ => 1.0,
    };

    /// <summary>A long sentence keeps only its clauses (split at ";") that match the question well.</summary>
    private string Trim(string sentence, QueryAnalysis analysis)
    {
        if (sentence.Length <= LongSentence)
        {
            return sentence;
        }

        var clauses = sentence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length < 2)
        {
            return sentence;
        }

        var scores = clauses.Select(c => ScoreText(c, analysis)).ToArray();
        var max = scores.Max();
        var kept = clauses.Where((_, i) => scores[i] >= max * 0.6).ToList();
        var joined = string.Join("; ", kept);
        return joined.Length <= MaxQuote ? joined : clauses[Array.IndexOf(scores, max)];
    }

    internal static List<string> SplitSentences(string text)
    {
        var sentences = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sentences.AddRange(SentenceBreak().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return sentences;
    }

    private string Relative(string deadline)
    {
        DateOnly? date = null;
        if (FullDate().Match(deadline) is { Success: true } full)
        {
            date = SafeDate(full.Groups[3].Value, full.Groups[2].Value, full.Groups[1].Value);
        }
        else if (MonthYear().Match(deadline) is { Success: true } month && SafeDate(month.Groups[2].Value, month.Groups[1].Value, "1") is { } first)
        {
            date = first.AddMonths(1).AddDays(-1);
        }

        if (date is not { } value)
        {
            return string.Empty;
        }

        var days = value.DayNumber - today.DayNumber;
        return days >= 0 ? $" (còn {days} ngày)" : " (mốc này đã qua)";
    }

    private static DateOnly? SafeDate(string year, string month, string day) =>
        DateOnly.TryParseExact($"{int.Parse(year, CultureInfo.InvariantCulture):D4}-{int.Parse(month, CultureInfo.InvariantCulture):D2}-{int.Parse(day, CultureInfo.InvariantCulture):D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string LeadRole(string header)
    {
        var role = header.StartsWith("Đơn vị ", StringComparison.OrdinalIgnoreCase) ? header["Đơn vị ".Length..] : header;
        return LowerFirst(role);
    }

    private static Citation Cite(KnowledgeChunk chunk, string quote) => new(chunk.Document.DisplayName, chunk.Section, quote);

    private static string Quote(string text) => text.Length <= MaxQuote ? text : text[..MaxQuote].TrimEnd() + "…";

    private static string WithAuthorityNote(string answer, Authority authority) => authority switch
    {
        Authority.Excerpt => answer + " (Lưu ý: nguồn là bản trích, cần đối chiếu văn bản gốc.)",
        Authority.Summary => answer + " (Lưu ý: nguồn là bản tóm tắt, cần đối chiếu văn bản gốc.)",
        _ => answer,
    };

    private static string Date(DateOnly date) => date.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    private static string NumericDate(Match m) =>
        m.Groups[3].Success ? $"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}" : $"{m.Groups[1].Value}/{m.Groups[2].Value}";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Vietnamese) + text[1..];

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], Vietnamese) + text[1..] : text;

    private static string EndSentence(string text) => text.Length > 0 && ".!?…)".Contains(text[^1], StringComparison.Ordinal) ? text : text.TrimEnd(';', ',', ':', ' ') + ".";

    private sealed record Candidate(KnowledgeChunk Chunk, List<string> Sentences, int Index, double Score);

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d“""(])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(Phòng|phòng|Văn phòng|UBND|Ủy ban|Sở|Bộ|Ban|cơ sở giáo dục|đơn vị|trường|giáo viên|viên chức|Thủ tướng|Chính phủ|Quốc hội)\b")]
    private static partial Regex UnitName();

    [GeneratedRegex(@"\d{1,2}/\d{1,4}|\bngày \d|\btháng \d|\bnăm \d{4}|\btrước ngày|\bthường xuyên|\bhằng (tháng|quý|năm)|\bđầu năm học|\bhiệu lực", RegexOptions.IgnoreCase)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\d+[/-][\p{L}\d]+(?:[/-][\p{L}\d]+)*-?[\p{Lu}Đ]{2,}|\b\d+/\d{4}/[\p{Lu}Đ\-]+")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"(?<![\d/])ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?")]
    private static partial Regex SpelledDate();

    [GeneratedRegex(@"(\d{1,2})/(\d{1,2})/(\d{4})")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"[Tt]háng (\d{1,2})/(\d{4})")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\(([^()]*báo cáo về[^()]*)\)")]
    private static partial Regex Recipients();
}
