using System.Globalization;

namespace DtsAssistant.Reporting.Forms;

public enum ProblemSeverity
{
    /// <summary>Blocks saving (one answer) or submitting (whole report).</summary>
    Error,

    /// <summary>Shown to the person, who may confirm and go on.</summary>
    Warning,
}

/// <summary>A problem with an answer, in Vietnamese.</summary>
public sealed record AnswerProblem(string QuestionKey, ProblemSeverity Severity, string Message);

/// <summary>The form engine's rules: type, bounds, options, cross-field limits, required questions, big changes.</summary>
public static class FormValidator
{
    /// <summary>Checks one answer against its question and the unit's other current answers (for cross-field rules).</summary>
    public static IReadOnlyList<AnswerProblem> CheckAnswer(FormDefinition form, QuestionDefinition question, AnswerValue value,
        IReadOnlyDictionary<string, AnswerValue> otherAnswers)
    {
        var problems = new List<AnswerProblem>();
        void Error(string message) => problems.Add(new(question.Key, ProblemSeverity.Error, message));

        if (value.Type != question.Type)
        {
            Error($"Câu \"{question.Text}\" cần câu trả lời dạng {TypeName(question.Type)}.");
            return problems;
        }

        switch (value)
        {
            case IntegerAnswer { Value: var n }:
                CheckBounds(question, n, Error);
                break;
            case PercentageAnswer { Value: var p }:
                if (p is < 0 or > 100)
                {
                    Error("Tỉ lệ phần trăm phải từ 0 đến 100.");
                }

                CheckBounds(question, p, Error);
                break;
            case ChoiceAnswer { OptionKey: var key } when question.Option(key) is null:
                Error($"Vui lòng chọn một trong: {string.Join(" / ", question.Options.Select(o => o.Label))}.");
                break;
            case MultiChoiceAnswer { OptionKeys: var keys }:
                if (keys.Any(k => question.Option(k) is null))
                {
                    Error($"Chỉ chọn trong: {string.Join(" / ", question.Options.Select(o => o.Label))}.");
                }
                else if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
                {
                    Error("Mỗi lựa chọn chỉ chọn một lần.");
                }
                else if (keys.Count == 0 && question.Required)
                {
                    Error("Vui lòng chọn ít nhất một mục.");
                }

                break;
            case TextAnswer { Value: var text }:
                if (text.Length > question.MaxLength)
                {
                    Error($"Nội dung quá dài (tối đa {question.MaxLength} ký tự).");
                }
                else if (question.Required && string.IsNullOrWhiteSpace(text))
                {
                    Error("Vui lòng nhập nội dung.");
                }

                break;
        }

        if (problems.Count == 0)
        {
            problems.AddRange(CrossField(form, question, value, otherAnswers));
        }

        return problems;
    }

    /// <summary>
    /// Checks a whole report: every applicable required question answered, every answer valid, cross-field rules, and
    /// warnings for big changes against the previous period's submitted values.
    /// </summary>
    public static IReadOnlyList<AnswerProblem> CheckReport(FormDefinition form, IReadOnlyList<QuestionDefinition> applicable,
        IReadOnlyDictionary<string, AnswerValue> answers, IReadOnlyDictionary<string, AnswerValue>? previous)
    {
        var problems = new List<AnswerProblem>();
        foreach (var q in applicable)
        {
            if (!answers.TryGetValue(q.Key, out var value))
            {
                if (q.Required)
                {
                    problems.Add(new(q.Key, ProblemSeverity.Error, $"Chưa trả lời: {q.Text}"));
                }

                continue;
            }

            problems.AddRange(CheckAnswer(form, q, value, answers));
            if (q.WarnChangePercent is { } limit && value.Number is { } now && previous?.GetValueOrDefault(q.Key)?.Number is { } before && before != 0)
            {
                var change = Math.Abs(now - before) / before * 100m;
                if (change > limit)
                {
                    problems.Add(new(q.Key, ProblemSeverity.Warning,
                        $"{q.Text}: {Show(now)} so với kỳ trước {Show(before)} (thay đổi {change.ToString("0", CultureInfo.InvariantCulture)}%). Vui lòng kiểm tra lại."));
                }
            }
        }

        return problems;
    }

    private static IEnumerable<AnswerProblem> CrossField(FormDefinition form, QuestionDefinition question, AnswerValue value,
        IReadOnlyDictionary<string, AnswerValue> others)
    {
        // The rule is checked from both sides: the count against its total, and a changed total against counts that refer to it.
        if (question.AtMost is { } totalKey && value.Number is { } count
            && others.GetValueOrDefault(totalKey)?.Number is { } total && count > total)
        {
            var totalQuestion = form.Question(totalKey)!;
            yield return new(question.Key, ProblemSeverity.Error,
                $"{question.Text} ({Show(count)}) không thể lớn hơn {LowerFirst(totalQuestion.Text)} ({Show(total)}).");
        }

        foreach (var dependent in form.Questions.Where(q => q.AtMost == question.Key))
        {
            if (value.Number is { } newTotal && others.GetValueOrDefault(dependent.Key)?.Number is { } existing && existing > newTotal)
            {
                yield return new(question.Key, ProblemSeverity.Error,
                    $"{question.Text} ({Show(newTotal)}) nhỏ hơn {LowerFirst(dependent.Text)} đã khai ({Show(existing)}).");
            }
        }
    }

    private static void CheckBounds(QuestionDefinition question, decimal n, Action<string> error)
    {
        if (question.Min is { } min && n < min)
        {
            error(min == 0 ? "Số không được âm." : $"Số phải từ {Show(min)} trở lên.");
        }
        else if (question.Max is { } max && n > max)
        {
            error($"Số quá lớn (tối đa {Show(max)}). Vui lòng kiểm tra lại.");
        }
    }

    private static string Show(decimal n) => n.ToString("#,##0.##", VietnameseCulture.Instance);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string TypeName(QuestionType type) => type switch
    {
        QuestionType.YesNo => "có/chưa",
        QuestionType.Integer => "số nguyên",
        QuestionType.Percentage => "tỉ lệ %",
        QuestionType.Choice => "một lựa chọn",
        QuestionType.MultiChoice => "một hoặc nhiều lựa chọn",
        _ => "văn bản",
    };
}
