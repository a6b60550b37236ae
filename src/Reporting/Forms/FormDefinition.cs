using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Forms;

/// <summary>
/// One version of a report form, loaded from JSON (see Forms/Definitions). Reports remember the (id, version) they
/// were filed under, so an old report is always read with the questions it was asked.
/// </summary>
public sealed record FormDefinition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required PeriodKind PeriodKind { get; init; }

    /// <summary>First period key this version applies to ("2025-09"); the newest version valid for a period wins.</summary>
    public string? ValidFrom { get; init; }

    public required IReadOnlyList<QuestionDefinition> Questions { get; init; }
    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = [];

    public QuestionDefinition? Question(string key) => Questions.FirstOrDefault(q => q.Key == key);

    /// <summary>The questions a unit of this profile is asked, in form order.</summary>
    public IReadOnlyList<QuestionDefinition> QuestionsFor(UnitProfile unit) => Questions.Where(q => q.AppliesTo.Matches(unit)).ToList();
}

/// <summary>One question. Wording is Vietnamese, as asked in chat.</summary>
public sealed record QuestionDefinition
{
    public required string Key { get; init; }
    public required string Text { get; init; }
    public required QuestionType Type { get; init; }

    /// <summary>Optional questions may be skipped; required ones must be answered before submitting.</summary>
    public bool Required { get; init; } = true;

    public string? Help { get; init; }

    /// <summary>Inclusive lower bound for integers and percentages.</summary>
    public decimal? Min { get; init; }

    /// <summary>Inclusive upper bound for integers and percentages.</summary>
    public decimal? Max { get; init; }

    /// <summary>Cross-field rule: the value cannot exceed the answer to this question (a count within its total).</summary>
    public string? AtMost { get; init; }

    /// <summary>Maximum length of a text answer.</summary>
    public int MaxLength { get; init; } = 2000;

    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    public Applicability AppliesTo { get; init; } = Applicability.All;

    /// <summary>Last period's submitted value is offered as the default.</summary>
    public bool CarryOver { get; init; }

    /// <summary>Warn (not block) when a number changes by more than this share (percent) against last period.</summary>
    public decimal? WarnChangePercent { get; init; }

    /// <summary>The plan reference this question measures, e.g. "PL1 #4".</summary>
    public string? PlanRef { get; init; }

    public ChoiceOption? Option(string key) => Options.FirstOrDefault(o => o.Key == key);
}

/// <param name="Key">Stable identifier stored in answers.</param>
/// <param name="Label">Vietnamese text shown on buttons.</param>
/// <param name="Synonyms">Other ways people type this option (the chat parser may use them).</param>
public sealed record ChoiceOption(string Key, string Label, IReadOnlyList<string>? Synonyms = null);

/// <summary>Which units a question applies to. Empty <see cref="Levels"/> means every kind of unit.</summary>
public sealed record Applicability
{
    public static readonly Applicability All = new();

    public IReadOnlyList<SchoolLevel> Levels { get; init; } = [];

    /// <summary>Only public (công lập) units.</summary>
    public bool PublicOnly { get; init; }

    /// <summary>Only schools (not phòng thuộc Sở or non-school đơn vị trực thuộc).</summary>
    public bool SchoolsOnly { get; init; }

    public bool Matches(UnitProfile unit)
    {
        if (PublicOnly && !unit.IsPublic)
        {
            return false;
        }

        var levels = UnitKinds.LevelsOf(unit.Kind);
        if (SchoolsOnly && levels.Count == 0)
        {
            return false;
        }

        return Levels.Count == 0 || Levels.Any(levels.Contains);
    }
}

public enum IndicatorKind
{
    /// <summary>Sum of a numerator question over the sum of a denominator question (e.g. teachers with digital signatures).</summary>
    Ratio,

    /// <summary>Share of reporting units whose answer is one of <see cref="IndicatorDefinition.Values"/> (e.g. IPv6 done).</summary>
    ShareOfUnits,

    /// <summary>How many units gave each option of a choice question (e.g. self-assessed level).</summary>
    Distribution,
}

/// <summary>A figure derived from answers and compared with a plan target. Computed, never asked.</summary>
public sealed record IndicatorDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? PlanRef { get; init; }
    public required IndicatorKind Kind { get; init; }
    public string? Numerator { get; init; }
    public string? Denominator { get; init; }
    public string? Question { get; init; }

    /// <summary>For <see cref="IndicatorKind.ShareOfUnits"/>: the stored values that count ("true", an option key).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The target, in percent (e.g. 50 for "trên 50%").</summary>
    public decimal? TargetPercent { get; init; }

    /// <summary>True when the target must be strictly exceeded ("trên 50%").</summary>
    public bool TargetExclusive { get; init; }

    public string? TargetText { get; init; }
}
