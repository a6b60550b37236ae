namespace DtsAssistant.Reporting.Forms.Input;

/// <summary>One option of a choice question: the stored key, the label people read, and other ways people type it.</summary>
public sealed record AnswerChoice(string Key, string Label, IReadOnlyList<string>? Synonyms = null)
{
    public IReadOnlyList<string> SynonymList => Synonyms ?? [];
}

/// <summary>
/// What the parser needs to know about a question: its type, its choices, its bounds, and (for a count that is part
/// of a total) the total already given, so "80%" and "45/60" can be understood.
/// </summary>
public sealed record AnswerSpec(
    QuestionType Type,
    IReadOnlyList<AnswerChoice>? Choices = null,
    long? Min = null,
    long? Max = null,
    long? Total = null,
    bool AllowOther = false,
    int MaxTextLength = 1000)
{
    public IReadOnlyList<AnswerChoice> ChoiceList => Choices ?? [];
}
