using System.Globalization;
using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>The longer filing texts: the opening, the summary with derived figures, and the receipt.</summary>
internal static class FilingTexts
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Opening(DraftSession session, DateOnly today, bool resumed)
    {
        var answered = session.Questions.Count(q => session.Answers.ContainsKey(q.Key));
        var version = session.Version > 1 ? $" (sửa lần {session.Version - 1})" : string.Empty;
        var lines = new List<string>
        {
            $"{(resumed ? "Tiếp tục" : "Bắt đầu")} báo cáo {session.Period.Label}{version} — {session.Unit.Name}.",
            CommonTexts.Deadline(session.Window, today),
            $"{session.Questions.Count} câu hỏi{(answered > 0 ? $", đã trả lời {answered}" : string.Empty)}. Mỗi câu trả lời được lưu ngay.",
            "Gõ bất cứ lúc nào: \"quay lại\", \"bỏ qua\", \"sửa 5\", \"tạm dừng\", \"huỷ\", \"trợ giúp\".",
        };
        return string.Join("\n", lines);
    }

    public static Reply Summary(DraftSession session, ValidationResult validation, string? prefix = null)
    {
        var lines = new List<string>();
        if (prefix is not null)
        {
            lines.Add(prefix);
        }

        lines.Add($"Tóm tắt báo cáo {session.Period.Label} — {session.Unit.Name}:");
        for (var i = 0; i < session.Questions.Count; i++)
        {
            var question = session.Questions[i];
            var value = session.Answers.TryGetValue(question.Key, out var stored)
                ? QuestionPrompts.Shorten(stored.Value.Display(question), 60)
                : question.Required ? "(chưa trả lời)" : "(bỏ trống)";
            lines.Add($"{i + 1}. {QuestionPrompts.Shorten(question.Text, 55)}: {value}");
        }

        var figures = DerivedFigures(session).ToList();
        if (figures.Count > 0)
        {
            lines.Add("Chỉ số so với chỉ tiêu của kế hoạch:");
            lines.AddRange(figures);
        }

        var problems = validation.Errors.Concat(validation.Warnings).ToList();
        if (problems.Count > 0)
        {
            lines.Add("Cần xem lại:");
            lines.AddRange(problems.Select(p => $"{(p.Severity == ProblemSeverity.Error ? "✗" : "⚠")} {Position(session, p.QuestionKey)}{p.Message}"));
        }

        lines.Add(validation.CanSubmit
            ? "Gõ \"gửi\" để nộp, hoặc \"sửa N\" để sửa câu N."
            : "Chưa nộp được: bạn sửa các mục ✗ (gõ \"sửa N\"), rồi gõ \"gửi\".");
        var buttons = new List<IReadOnlyList<ReplyButton>>();
        if (validation.CanSubmit)
        {
            buttons.Add([new ReplyButton("Gửi báo cáo", FilingButtons.Submit)]);
        }

        buttons.Add([new ReplyButton("Quay lại", FilingButtons.Back), new ReplyButton("Tạm dừng", FilingButtons.Pause)]);
        return new Reply(string.Join("\n", lines), buttons);
    }

    public static string Receipt(Receipt receipt, PeriodWindow window)
    {
        var at = VietnamTime.ToLocal(receipt.SubmittedAt).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        var version = receipt.Version > 1 ? $" (bản sửa lần {receipt.Version - 1})" : string.Empty;
        var timeliness = receipt.Timeliness == Timeliness.Late
            ? $"Nộp muộn (hạn: hết ngày {window.LastDayOnTime.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}); đã được ghi nhận."
            : "Nộp đúng hạn.";
        return $"""
            Đã nhận báo cáo {receipt.Period.Label}{version} của {receipt.UnitName}.
            Số tham chiếu: {receipt.ReferenceNumber}
            Thời điểm nhận: {at} (giờ Việt Nam)
            {timeliness}
            Trước khi kỳ báo cáo khoá sổ, gõ /baocao nếu cần sửa.
            """;
    }

    /// <summary>The unit's own figures against the plan's targets (ratios computed, never asked).</summary>
    private static IEnumerable<string> DerivedFigures(DraftSession session)
    {
        foreach (var indicator in session.Form.Indicators)
        {
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

    private static string Position(DraftSession session, string questionKey)
    {
        var index = session.Questions.ToList().FindIndex(q => q.Key == questionKey);
        return index < 0 ? string.Empty : $"câu {index + 1}: ";
    }

    public static string Changes(IReadOnlyList<AnswerChange> changes, DraftSession session)
    {
        var lines = changes.Select(c =>
        {
            var at = VietnamTime.ToLocal(c.ChangedAt).ToString("HH:mm", CultureInfo.InvariantCulture);
            return $"• {Position(session, c.QuestionKey)}{QuestionPrompts.Shorten(c.QuestionText, 50)} → {c.NewValue ?? "(xoá)"} ({c.ChangedBy}, {at})";
        });
        return "Người cùng đơn vị vừa cập nhật bản nháp:\n" + string.Join("\n", lines);
    }
}
