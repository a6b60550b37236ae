using System.Globalization;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Facts;

/// <summary>
/// Compiles <see cref="PlanFacts"/> from chunks: table rows with a lead or deadline column become records, sentences
/// with a percentage under an objectives heading ("Mục tiêu ...") become targets, the clause "(X báo cáo về Y; ...)" next
/// to the reporting schedule becomes sender rules, bullets under a security heading become practices.
/// </summary>
public static partial class FactCompiler
{
    /// <summary>Share of a record's words (idf-weighted) a body sentence must repeat to count as restating it.</summary>
    private const double RestatesRecord = 0.7;

    /// <summary>Share of the sentence's words that must be the record's: a long paragraph that mentions the row is no restatement.</summary>
    private const double StaysOnRecord = 0.5;

    public static PlanFacts Compile(IReadOnlyList<KnowledgeChunk> chunks, IReadOnlyList<DocumentInfo> documents, Glossary glossary, Retrieval.InvertedIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var records = new List<PlanRecord>();
        var targets = new List<PlanTarget>();
        var practices = new List<PracticeItem>();
        var headings = new Dictionary<string, string>(StringComparer.Ordinal);
        string FoldedHeading(string heading) => headings.TryGetValue(heading, out var folded) ? folded : headings[heading] = Folded(heading);
        foreach (var chunk in chunks)
        {
            if (chunk.Row is { } row)
            {
                if (Record(chunk, row, glossary) is { } record)
                {
                    records.Add(record);
                }

                continue;
            }

            if (chunk.Trail.Any(h => FoldedHeading(h).Contains("muc tieu", StringComparison.Ordinal)))
            {
                targets.AddRange(Targets(chunk, glossary));
            }

            if (chunk.Trail.Any(h => IsSecurityHeading(FoldedHeading(h))))
            {
                practices.AddRange(chunk.Text.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(t => new PracticeItem(chunk.Heading, t, chunk)));
            }
        }

        if (index is not null)
        {
            IncludeRestatements(records, chunks, index);
        }

        var schedule = ReportingSchedule.Find(chunks);
        var senders = schedule is null ? [] : Senders(schedule.Source, glossary);
        return new PlanFacts(records, targets, schedule, senders, documents, practices, glossary);
    }

    private static PlanRecord? Record(KnowledgeChunk chunk, TableRowRecord row, Glossary glossary)
    {
        var lead = row.Cell(ColumnRole.Lead);
        var deadline = row.Cell(ColumnRole.Deadline);
        var subject = row.Cell(ColumnRole.Subject);
        if ((lead is null && deadline is null) || subject is null || !int.TryParse(row.Number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var text = subject.Value.TrimEnd('.', ' ');
        var table = TableNumber().Match(row.Table);
        return new PlanRecord(
            row.Table,
            table.Success ? int.Parse(table.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            row.ItemLabel,
            number,
            text,
            Figures(text),
            lead,
            row.Cell(ColumnRole.Partners),
            deadline,
            chunk)
        {
            FoldedLabel = Folded(row.ItemLabel),
            Terms = new TopicTerms(text, glossary),
        };
    }

    private static IEnumerable<PlanTarget> Targets(KnowledgeChunk chunk, Glossary glossary)
    {
        foreach (var sentence in TextCuts.Sentences(chunk.Text))
        {
            var figures = Figures(sentence);
            if (figures.Count > 0)
            {
                yield return new PlanTarget(sentence, figures, chunk) { Terms = new TopicTerms(chunk.Heading + "\n" + sentence, glossary) };
            }
        }
    }

    private static List<SenderRule> Senders(KnowledgeChunk source, Glossary glossary)
    {
        var rules = new List<SenderRule>();
        foreach (Match group in ReportingLines().Matches(source.Text))
        {
            foreach (var clause in group.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var at = clause.IndexOf(" báo cáo về ", StringComparison.Ordinal);
                if (at <= 0)
                {
                    continue;
                }

                var sender = clause[..at].Trim();
                var recipient = clause[(at + " báo cáo về ".Length)..].Trim();
                var link = Link().Match(recipient);
                rules.Add(new SenderRule(sender, recipient, link.Success ? link.Value : null, source) { SenderTerms = new TopicTerms(sender, glossary) });
            }
        }

        return rules;
    }

    /// <summary>
    /// The plan's body often restates an appendix row in other words ("thu học phí ... không dùng tiền mặt" for the row on
    /// cashless payment): a body sentence of the same document that repeats most of a row's words lends the row its words.
    /// </summary>
    private static void IncludeRestatements(List<PlanRecord> records, IReadOnlyList<KnowledgeChunk> chunks, Retrieval.InvertedIndex index)
    {
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        double Weight(string word) => idf.TryGetValue(word, out var w) ? w : idf[word] = index.Idf("a:" + word);
        var documents = records.Select(r => r.Source.Document.Id).ToHashSet(StringComparer.Ordinal);
        var sentences = chunks.Where(c => c.Row is null && c.Section != MarkdownChunker.MetadataSection && documents.Contains(c.Document.Id))
            .SelectMany(c => TextCuts.Sentences(c.Text).SelectMany(s => s.Split("; ", StringSplitOptions.RemoveEmptyEntries)).Select(s => (c.Document.Id, Text: s, Words: WordSet(s))))
            .ToList();
        foreach (var record in records)
        {
            var words = WordSet(record.Text);
            var total = words.Sum(Weight);
            foreach (var sentence in sentences.Where(s => s.Id == record.Source.Document.Id))
            {
                var shared = words.Where(sentence.Words.Contains).Sum(Weight);
                if (total > 0 && shared / total >= RestatesRecord && shared / sentence.Words.Sum(Weight) >= StaysOnRecord)
                {
                    record.Terms.Include(sentence.Text);
                }
            }
        }
    }

    private static HashSet<string> WordSet(string text) => new(VietnameseTokenizer.Tokenize(text).Select(t => t.Normalized), StringComparer.Ordinal);

    /// <summary>"100%", "trên 50%", "90%": the figures a text states.</summary>
    internal static List<string> Figures(string text) => Figure().Matches(text).Select(m => m.Value).ToList();

    private static bool IsSecurityHeading(string folded)
    {
        return folded.Contains("an toan thong tin", StringComparison.Ordinal) || folded.Contains("an ninh", StringComparison.Ordinal)
            || folded.Contains("bao mat", StringComparison.Ordinal) || folded.Contains("du lieu ca nhan", StringComparison.Ordinal);
    }

    private static string Folded(string text) => VietnameseText.NormalizeAndFold(text);

    [GeneratedRegex(@"(\d+)\s*$")]
    private static partial Regex TableNumber();

    [GeneratedRegex(@"(?:(?:trên|dưới|tối thiểu|ít nhất|từ)\s)?\d+(?:[,.]\d+)?\s?%")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\(([^()]*báo cáo về[^()]*)\)")]
    private static partial Regex ReportingLines();

    [GeneratedRegex(@"https?://[^\s>)]+")]
    private static partial Regex Link();
}
