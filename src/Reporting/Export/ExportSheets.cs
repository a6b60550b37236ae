using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Status;

namespace DtsAssistant.Reporting.Export;

/// <summary>The indicator and totals sheets of the XLSX export, and the Vietnamese column headers.</summary>
internal static class ExportSheets
{
    /// <summary>A question's column header: its own words without the question mark ("Mạng LAN đáp ứng tiêu chuẩn kỹ thuật").</summary>
    public static string Header(QuestionDefinition question)
    {
        var text = question.Text.Trim().TrimEnd('?', ' ');
        foreach (var tail in new[] { " chưa", " không" })
        {
            if (question.Type is QuestionType.YesNo && text.EndsWith(tail, StringComparison.Ordinal))
            {
                text = text[..^tail.Length];
            }
        }

        return text;
    }

    /// <summary>Every indicator against its target, with the units it rests on and the verdict.</summary>
    public static List<object?[]> Indicators(IndicatorReport report)
    {
        var rows = new List<object?[]>
        {
            new object?[] { "Chỉ tiêu", "Mục kế hoạch", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Chỉ tiêu kế hoạch", "Đơn vị đã báo cáo", "Đơn vị áp dụng", "Đánh giá" },
        };
        foreach (var f in report.Figures)
        {
            var distribution = f.Definition.Kind == IndicatorKind.Distribution
                ? string.Join("; ", f.Distribution.Select(b => $"{b.Label}: {b.Units}"))
                : null;
            rows.Add([
                f.Definition.Name, f.Definition.PlanRef ?? "",
                distribution ?? (object)f.Numerator, distribution is null ? f.Denominator : null, f.Percent,
                f.Definition.TargetText ?? "", f.UnitsReporting, f.UnitsExpected, IndicatorVerdict.Text(f),
            ]);
        }

        return rows;
    }

    /// <summary>Totals per commune and per level: expected, submitted, on time, late, drafts, missing, rate.</summary>
    public static List<object?[]> Totals(PeriodStatus status)
    {
        var rows = new List<object?[]>
        {
            new object?[] { "Nhóm", "Tên", "Phải nộp", "Đã nộp", "Đúng hạn", "Muộn", "Đang soạn", "Chưa nộp", "Tỷ lệ nộp (%)" },
        };
        void Add(string group, CompletenessRow r) =>
            rows.Add([group, r.Label, r.Expected, r.Submitted, r.OnTime, r.Late, r.Drafts, r.Missing, r.CompletenessPercent]);
        Add("Tổng", status.Overall);
        foreach (var r in status.ByCommune)
        {
            Add("Xã/phường", r);
        }

        foreach (var r in status.ByKind)
        {
            Add("Cấp học", r);
        }

        return rows;
    }
}
