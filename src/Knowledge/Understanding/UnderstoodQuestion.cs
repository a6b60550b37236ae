using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Understanding;

/// <summary>What a question asks for; decides which kind of answer is made.</summary>
public enum QuestionIntent
{
    /// <summary>Nothing more specific: answered from the best fact or passage about the topic.</summary>
    General,

    /// <summary>Who leads ("ai chủ trì", "phòng nào phụ trách", "đầu mối").</summary>
    WhoLeads,

    /// <summary>Who cooperates ("phối hợp với ai").</summary>
    WhoCoordinates,

    /// <summary>Who carries it out and reports ("đơn vị nào triển khai", "ai thực hiện").</summary>
    WhoImplements,

    /// <summary>When ("khi nào", "hạn", "bao giờ xong").</summary>
    When,

    /// <summary>How much, a rate or a target ("bao nhiêu", "tỷ lệ", "phải đạt").</summary>
    HowMuch,

    /// <summary>What something is or says ("là gì", "quy định gì", "có trách nhiệm gì").</summary>
    WhatIs,

    /// <summary>How to do something ("như thế nào", "cần lưu ý gì").</summary>
    HowTo,

    /// <summary>Which document, who signed, what number ("văn bản nào", "ai ký").</summary>
    WhichDocument,

    /// <summary>Everything a unit leads ("phòng X chủ trì những gì").</summary>
    ListByUnit,

    /// <summary>Greetings, thanks, "bạn là ai".</summary>
    SmallTalk,

    /// <summary>"Bạn giúp được gì", "hướng dẫn sử dụng".</summary>
    Help,
}

public enum SmallTalkKind
{
    None,
    Greeting,
    Thanks,
    Identity,
    Farewell,
}

/// <summary>Who sends a periodic report, as far as the question says.</summary>
public enum SenderKind
{
    None,

    /// <summary>Mầm non, tiểu học, THCS schools (they report to the commune).</summary>
    School,

    /// <summary>Units directly under the Sở (THPT, centres; they report to the Sở).</summary>
    DirectUnit,

    /// <summary>A commune or ward People's Committee.</summary>
    Commune,
}

/// <summary>
/// A reference to a table item by number: "chỉ tiêu 11" (label "chỉ tiêu"), "nhiệm vụ thứ tư", "dòng 4 phụ lục 2"
/// (table 2, no label). Labels are folded ("chi tieu"), compared with the folded item label of each table.
/// </summary>
public sealed record ItemReference(string? Label, int? Table, int Number);

/// <summary>The typed result of reading a question, before any fact is looked up.</summary>
public sealed record UnderstoodQuestion(
    string Text,
    QuestionIntent Intent,
    SmallTalkKind SmallTalk,
    bool IsConfirmation,
    IReadOnlyList<ItemReference> References,
    IReadOnlyList<ReportPeriod> Periods,
    SenderKind Sender,
    bool MentionsReport,
    bool AsksReportRecipient,
    bool AsksReportedFigures,
    IReadOnlyList<Token> TopicTokens)
{
    /// <summary>True for who-questions of any kind.</summary>
    public bool AsksWho => Intent is QuestionIntent.WhoLeads or QuestionIntent.WhoCoordinates or QuestionIntent.WhoImplements;

    /// <summary>Every token of the question as typed (read once; the later steps reuse them).</summary>
    public IReadOnlyList<Token> Tokens { get; init; } = [];

    /// <summary>For each topic word, whether the next topic word followed it directly in the question (a possible phrase).</summary>
    public IReadOnlyList<bool> TopicJoins { get; init; } = [];

    /// <summary>"... có trách nhiệm gì / nhiệm vụ gì": a question wanting the list of a section's duties.</summary>
    public bool AsksDuties { get; init; }

    /// <summary>The content words (folded) that name the topic, fillers and question words removed.</summary>
    public IEnumerable<string> TopicWords => TopicTokens.Select(t => t.Folded);
}
