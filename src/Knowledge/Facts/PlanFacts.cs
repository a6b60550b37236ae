using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Facts;

/// <summary>
/// One row of a table that assigns work (it has a lead-unit or a deadline column): a Phụ lục 1 indicator, a Phụ lục 2
/// task, or a row of any other plan's tables of that kind. Column meanings come from the header words.
/// </summary>
public sealed record PlanRecord(
    string Table,
    int? TableNumber,
    string Label,
    int Number,
    string Text,
    IReadOnlyList<string> Targets,
    TableCell? Lead,
    TableCell? Partners,
    TableCell? Deadline,
    KnowledgeChunk Source)
{
    /// <summary>"chỉ tiêu 10", "nhiệm vụ 4".</summary>
    public string Name => $"{Label} {Number}";

    /// <summary>The label folded ("chi tieu"), as question references carry it.</summary>
    public string FoldedLabel { get; init; } = string.Empty;

    public required TopicTerms Terms { get; init; }
}

/// <summary>A target stated in the plan's body ("Tỷ lệ ... chữ ký số ... đạt trên 50%"), with its figures.</summary>
public sealed record PlanTarget(string Text, IReadOnlyList<string> Figures, KnowledgeChunk Source)
{
    public required TopicTerms Terms { get; init; }
}

/// <summary>Who sends periodic reports to whom: "Các trường Mầm non, tiểu học, THCS báo cáo về UBND các xã, phường".</summary>
public sealed record SenderRule(string Sender, string Recipient, string? Link, KnowledgeChunk Source)
{
    public required TopicTerms SenderTerms { get; init; }

    /// <summary>The clause as the plan writes it.</summary>
    public string Clause => $"{Sender} báo cáo về {Recipient}";
}

/// <summary>One security or data-protection practice (a clause of a guideline bullet) with the topic it is under.</summary>
public sealed record PracticeItem(string Topic, string Text, KnowledgeChunk Source);

/// <summary>
/// The facts compiled from the documents at index time: table records, body targets, the reporting schedule and lines,
/// the documents themselves and the security practices. Nothing here is typed by hand; a second plan with the same
/// kinds of tables compiles the same way.
/// </summary>
public sealed class PlanFacts
{
    internal PlanFacts(
        IReadOnlyList<PlanRecord> records,
        IReadOnlyList<PlanTarget> targets,
        ReportingSchedule? schedule,
        IReadOnlyList<SenderRule> senders,
        IReadOnlyList<DocumentInfo> documents,
        IReadOnlyList<PracticeItem> practices,
        Glossary glossary)
    {
        Records = records;
        Targets = targets;
        Schedule = schedule;
        Senders = senders;
        Documents = documents;
        Practices = practices;
        // Every distinct lead unit of the tables ("Phòng Tài chính", "Văn phòng Sở" ...).
        var leads = records.Where(r => r.Lead is not null).Select(r => r.Lead!.Value).Distinct(StringComparer.Ordinal);
        LeadTopics = leads.Select(l => (l, new TopicTerms(l, glossary))).ToList();
        _recordsByWord = records
            .SelectMany((r, i) => r.Terms.FoldedKeys.Select(k => (Key: k, Index: i)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Index).ToArray());
    }

    private readonly Dictionary<ulong, int[]> _recordsByWord;

    /// <summary>
    /// The records that use at least one of the words, in table order: the only ones a topic made of these words can
    /// match at all (a word typed with accents is matched only where it stands, and then its folded form stands too).
    /// </summary>
    public IEnumerable<PlanRecord> RecordsUsingAny(IEnumerable<Token> words)
    {
        var indices = new SortedSet<int>();
        foreach (var word in words)
        {
            if (_recordsByWord.TryGetValue(TopicTerms.FoldedKey(word), out var found))
            {
                indices.UnionWith(found);
            }
        }

        return indices.Select(i => Records[i]);
    }

    public IReadOnlyList<PlanRecord> Records { get; }

    public IReadOnlyList<PlanTarget> Targets { get; }

    public ReportingSchedule? Schedule { get; }

    public IReadOnlyList<SenderRule> Senders { get; }

    public IReadOnlyList<DocumentInfo> Documents { get; }

    /// <summary>The security practices of the plan, each item with the heading it stands under as its topic.</summary>
    public IReadOnlyList<PracticeItem> Practices { get; }

    /// <summary>Each lead unit with its words, for linking "Phòng Tài chính chủ trì những gì" to the unit.</summary>
    public IReadOnlyList<(string Lead, TopicTerms Terms)> LeadTopics { get; }

    /// <summary>The records a number reference points to: label and/or table must agree when given.</summary>
    public IEnumerable<PlanRecord> ByNumber(string? foldedLabel, int? table, int number) =>
        Records.Where(r => r.Number == number
            && (foldedLabel is null || r.FoldedLabel == foldedLabel)
            && (table is null || r.TableNumber == table));
}
