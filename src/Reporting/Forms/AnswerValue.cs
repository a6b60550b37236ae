using System.Globalization;

namespace DtsAssistant.Reporting.Forms;

/// <summary>
/// A typed answer to one question. The chat parser produces these from typed text; the filing service stores them as
/// canonical text (<see cref="Storage"/>) plus a number where one exists (for aggregates in SQL).
/// </summary>
public abstract record AnswerValue
{
    public abstract QuestionType Type { get; }

    /// <summary>Canonical stored text: "true"/"false", "45", "12.5", an option key, option keys joined by ';', text.</summary>
    public abstract string Storage { get; }

    /// <summary>The number used by aggregates: 1/0 for yes/no, the value for integers and percentages.</summary>
    public virtual decimal? Number => null;

    /// <summary>Vietnamese text to show the value back to a person.</summary>
    public abstract string Display(QuestionDefinition question);

    public static AnswerValue FromStorage(QuestionType type, string storage) => type switch
    {
        QuestionType.YesNo => new YesNoAnswer(storage == "true"),
        QuestionType.Integer => new IntegerAnswer(long.Parse(storage, CultureInfo.InvariantCulture)),
        QuestionType.Percentage => new PercentageAnswer(decimal.Parse(storage, CultureInfo.InvariantCulture)),
        QuestionType.Choice => new ChoiceAnswer(storage),
        QuestionType.MultiChoice => new MultiChoiceAnswer(storage.Length == 0 ? [] : storage.Split(';')),
        _ => new TextAnswer(storage),
    };
}

public sealed record YesNoAnswer(bool Value) : AnswerValue
{
    public override QuestionType Type => QuestionType.YesNo;
    public override string Storage => Value ? "true" : "false";
    public override decimal? Number => Value ? 1 : 0;
    public override string Display(QuestionDefinition question) => Value ? "Có" : "Chưa";
}

public sealed record IntegerAnswer(long Value) : AnswerValue
{
    public override QuestionType Type => QuestionType.Integer;
    public override string Storage => Value.ToString(CultureInfo.InvariantCulture);
    public override decimal? Number => Value;
    public override string Display(QuestionDefinition question) => Value.ToString("N0", VietnameseCulture.Instance);
}

public sealed record PercentageAnswer(decimal Value) : AnswerValue
{
    public override QuestionType Type => QuestionType.Percentage;
    public override string Storage => Value.ToString("0.##", CultureInfo.InvariantCulture);
    public override decimal? Number => Value;
    public override string Display(QuestionDefinition question) => Value.ToString("0.##", VietnameseCulture.Instance) + "%";
}

public sealed record ChoiceAnswer(string OptionKey) : AnswerValue
{
    public override QuestionType Type => QuestionType.Choice;
    public override string Storage => OptionKey;
    public override string Display(QuestionDefinition question) => question.Option(OptionKey)?.Label ?? OptionKey;
}

public sealed record MultiChoiceAnswer(IReadOnlyList<string> OptionKeys) : AnswerValue
{
    public override QuestionType Type => QuestionType.MultiChoice;
    public override string Storage => string.Join(';', OptionKeys);
    public override string Display(QuestionDefinition question) =>
        OptionKeys.Count == 0 ? "(không chọn)" : string.Join(", ", OptionKeys.Select(k => question.Option(k)?.Label ?? k));

    public bool Equals(MultiChoiceAnswer? other) => other is not null && OptionKeys.SequenceEqual(other.OptionKeys);
    public override int GetHashCode() => Storage.GetHashCode(StringComparison.Ordinal);
}

public sealed record TextAnswer(string Value) : AnswerValue
{
    public override QuestionType Type => QuestionType.Text;
    public override string Storage => Value;
    public override string Display(QuestionDefinition question) => Value;
}
