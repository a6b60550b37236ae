using System.Globalization;
using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// The summary before sending, compact enough for a phone: one line per answer, the plan's figures, then only what needs
/// attention. After "sửa N" from the summary, only the changed line and what is left to do (<see cref="AfterEdit"/>).
/// </summary>
internal static class FilingSummary
{
    private static readonly CultureInfo Vietnamese = DtsAssistant.Text.VietnameseCulture.Instance;

    /// <summary>Question labels are cut at a word boundary to this length; answers of several choices are never cut.</summary>
    private const int LabelLength = 40;

    private const int ValueLength = 60;

    public static Reply Summary(DraftSession session, ValidationResult validation, string? prefix = null)
    {
        var lines = new List<string>();
        if (prefix is not null)
        {
            lines.Add(prefix);
        }

        lines.Add($"Tóm tắt báo cáo {session.Period.Label} — {session.Unit.Name}:");
        var blank = new List<int>();
        for (var i = 0; i < session.Questions.Count; i++)
        {
            if (Line(session, i) is { } line)
            {
                lines.Add(line);
            }
            else if (!session.Questions[i].Required)
            {
                blank.Add(i + 1);
            }
        }

        if (blank.Count > 0)
        {
            lines.Add($"Bỏ trống (không bắt buộc): câu {string.Join(", ", blank)}.");
        }

        var figures = DerivedFigures(session, null).ToList();
        if (figures.Count > 0)
        {
            lines.Add("Chỉ số so với chỉ tiêu của kế hoạch:");
            lines.AddRange(figures);
        }

        lines.AddRange(Attention(session, validation));
        lines.Add(validation.CanSubmit
            ? "Gõ \"gửi\" để nộp, hoặc \"sửa N\" để sửa câu N."
            : "Chưa nộp được: bạn sửa các mục ✗ (gõ \"sửa N\"), rồi gõ \"gửi\".");
        return new Reply(string.Join("\n", lines), Buttons(validation));
    }

    /// <summary>Back at the summary after "sửa N": the changed line, the figures it feeds, and what is left to do.</summary>
    public static Reply AfterEdit(DraftSession session, int index, ValidationResult validation, string? prefix)
    {
        var question = session.Questions[index];
        var lines = prefix is null ? new List<string>() : [prefix];
        lines.AddRange([$"Tóm tắt (đã sửa câu {index + 1}):", Line(session, index) ?? $"{index + 1}. {Label(question)}: (bỏ trống)"]);
        lines.AddRange(DerivedFigures(session, question.Key));
        var attention = Attention(session, validation).ToList();
        lines.AddRange(attention);
        lines.Add(validation.CanSubmit
            ? (attention.Count == 0 ? "Không còn mục nào cần sửa. " : string.Empty) + "Gõ \"gửi\" để nộp, \"xem lại\" để xem cả bản tóm tắt, hoặc \"sửa N\"."
            : "Còn mục ✗ cần sửa (gõ \"sửa N\") trước khi gửi.");
        return new Reply(string.Join("\n", lines), Buttons(validation));
    }

    public static string Position(DraftSession session, string questionKey)
    {
        var index = session.Questions.ToList().FindIndex(q => q.Key == questionKey);
        return index < 0 ? string.Empty : $"câu {index + 1}: ";
    }

    /// <summary>"7. Tổng số CBQL, GV, NV của đơn vị…: 45", or null for an optional question left blank.</summary>
    private static string? Line(DraftSession session, int index)
    {
        var question = session.Questions[index];
        if (!session.Answers.TryGetValue(question.Key, out var stored))
        {
            return question.Required ? $"{index + 1}. {Label(question)}: (chưa trả lời)" : null;
        }

        var value = stored.Value.Display(question);
        return $"{index + 1}. {Label(question)}: {(question.Type == QuestionType.MultiChoice ? value : CommonTexts.Shorten(value, ValueLength))}";
    }

    private static string Label(QuestionDefinition question) => CommonTexts.Shorten(question.Text.TrimEnd('?', ' '), LabelLength);

    private static IEnumerable<string> Attention(DraftSession session, ValidationResult validation)
    {
        var problems = validation.Errors.Concat(validation.Warnings).ToList();
        if (problems.Count == 0)
        {
            yield break;
        }

        yield return "Cần xem lại:";
        foreach (var p in problems)
        {
            yield return $"{(p.Severity == ProblemSeverity.Error ? "✗" : "⚠")} {Position(session, p.QuestionKey)}{p.Message}";
        }
    }

    private static List<IReadOnlyList<ReplyButton>> Buttons(ValidationResult validation)
    {
        var buttons = new List<IReadOnlyList<ReplyButton>>();
        if (validation.CanSubmit)
        {
            buttons.Add([new ReplyButton("Gửi báo cáo", FilingButtons.Submit)]);
        }

        buttons.Add([new ReplyButton("Quay lại", FilingButtons.Back), new ReplyButton("Tạm dừng", FilingButtons.Pause)]);
        return buttons;
    }

    /// <summary>The unit's own figures against the plan's targets (ratios computed, never asked); only those using <paramref name="onlyKey"/> when given.</summary>
    private static IEnumerable<string> DerivedFigures(DraftSession session, string? onlyKey)
    {
        foreach (var indicator in session.Form.Indicators)
        {
            if (onlyKey is not null && indicator.Question != onlyKey && indicator.Numerator != onlyKey && indicator.Denominator != onlyKey)
            {
                continue;
            }

            if (indicator.Kind == IndicatorKind.Ratio
                && Number(session, indicator.Numerator) is { } numerator
                && Number(session, indicator.Denominator) is { } denominator and > 0)
            {
                var percent = Math.Round(100m * numerator / denominator, 1);
                yield return $"• {indicator.Name}: {numerator.ToString("#,0", Vietnamese)}/{denominator.ToString("#,0", Vietnamese)} = " +
                    $"{percent.ToString("0.#", Vietnamese)}%{Target(indicator, percent)}";
            }
            else if (indicator.Kind == IndicatorKind.ShareOfUnits && indicator.Question is { } key
                && session.Answers.TryGetValue(key, out var stored) && indicator.TargetPercent is not null
                && !indicator.Values.Contains(stored.Value.Storage))
            {
                // Only the targets not yet met: the summary has to stay readable on a phone.
                yield return $"• {indicator.Name}: chưa đạt{(indicator.TargetText is { } t ? $" (chỉ tiêu: {t})" : string.Empty)}";
            }
        }
    }

    private static string Target(IndicatorDefinition indicator, decimal percent)
    {
        if (indicator.TargetPercent is not { } target)
        {
            return string.Empty;
        }

        var met = indicator.TargetExclusive ? percent > target : percent >= target;
        var text = indicator.TargetText ?? $"{target.ToString("0.#", Vietnamese)}%";
        return $" (chỉ tiêu {text}) {(met ? "✓ đạt" : "✗ chưa đạt")}";
    }

    private static decimal? Number(DraftSession session, string? key) =>
        key is not null && session.Answers.TryGetValue(key, out var stored) ? stored.Value.Number : null;
}
