using System.Globalization;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using DtsAssistant.Text;

namespace DtsAssistant.Bot.Conversation.Status;

/// <summary>The wording of the status lists and the indicator table.</summary>
internal static class StatusTexts
{
    public const string SampleNote = "(DỮ LIỆU MẪU — danh mục đơn vị thử nghiệm)";

    private static readonly CultureInfo Vietnamese = VietnameseCulture.Instance;

    /// <summary>"• Trường … (Xã …) — đang làm dở — đầu mối: Cô Lan, ĐT 0229…".</summary>
    public static string MissingLine(UnitFiling f, bool withCommune) =>
        $"• {f.Unit.Name}{(withCommune && f.Unit.Commune is { } c ? $" ({c.Name})" : "")}{(f.HasDraft ? " — đang làm dở" : "")}"
        + (f.FocalPointName is { } name ? $" — đầu mối: {name}" : "") + (f.Phone is { } phone ? $", ĐT {phone}" : "");

    public static Reply Late(Period period, string where, IReadOnlyList<UnitFiling> filings, int maxListed, IReadOnlyList<IReadOnlyList<ReplyButton>> buttons)
    {
        if (filings.Count == 0)
        {
            return new Reply($"Báo cáo {period.Label}, {where}: không có đơn vị nào trong phạm vi này.");
        }

        var late = filings.Where(f => f.Timeliness == Timeliness.Late).OrderByDescending(f => f.DaysLate).ThenBy(f => f.Unit.Name, StringComparer.Ordinal).ToList();
        var onTime = filings.Count(f => f.Submitted && f.Timeliness != Timeliness.Late);
        var missing = filings.Count(f => !f.Submitted);
        var lines = new List<string>
        {
            $"Báo cáo {period.Label}, {where}: {filings.Count} đơn vị — đúng hạn {onTime}, muộn {late.Count}, chưa nộp {missing}.",
        };
        if (late.Count > 0)
        {
            lines.Add("Nộp muộn:");
            lines.AddRange(late.Take(maxListed).Select(f =>
                $"• {f.Unit.Name}{(f.Unit.Commune is { } c ? $" ({c.Name})" : "")} — muộn {f.DaysLate} ngày (nộp {Day(f.FirstSubmittedAt)})"));
            if (late.Count > maxListed)
            {
                lines.Add($"… và {late.Count - maxListed} đơn vị khác (xem tệp Excel).");
            }
        }
        else
        {
            lines.Add("Không có đơn vị nào nộp muộn.");
        }

        if (filings.Any(f => f.Unit.IsSample))
        {
            lines.Add(SampleNote);
        }

        return new Reply(string.Join("\n", lines), buttons);
    }

    /// <summary>Every indicator: figure, units it rests on, target and verdict, change from the previous period.</summary>
    public static string IndicatorTable(IndicatorReport report, IndicatorReport previous)
    {
        var lines = new List<string> { $"Các chỉ tiêu so với kế hoạch — {report.Period.Label}, {report.ScopeLabel} ({report.UnitsReporting} đơn vị đã nộp):" };
        var before = previous.Figures.ToDictionary(f => f.Definition.Id, StringComparer.Ordinal);
        foreach (var f in report.Figures.Where(f => f.Definition.Kind != IndicatorKind.Distribution))
        {
            var d = f.Definition;
            if (f.Percent is not { } percent)
            {
                lines.Add($"• {d.Name}: chưa có số liệu" + (d.TargetText is { } t0 ? $" (chỉ tiêu {t0})." : "."));
                continue;
            }

            var verdict = IndicatorVerdict.Text(f);
            var trend = before.TryGetValue(d.Id, out var b) && b.Percent is { } was ? $"; so với {previous.Period.Label}: {Change(percent - was)}" : "";
            lines.Add($"• {d.Name}: {Percent(percent)} (từ {f.UnitsReporting}/{f.UnitsExpected} đơn vị)"
                + (d.TargetText is { } t ? $" — chỉ tiêu {t}" : "") + (verdict.Length > 0 ? $": {verdict}" : "") + trend + ".");
        }

        foreach (var f in report.Figures.Where(f => f.Definition.Kind == IndicatorKind.Distribution && f.UnitsReporting > 0))
        {
            lines.Add($"• {f.Definition.Name} ({f.UnitsReporting} đơn vị): " + string.Join("; ", f.Distribution.Select(x => $"{x.Label} {x.Units}")) + ".");
        }

        lines.Add($"Chỉ đánh giá đạt/chưa đạt khi ít nhất {Percent(100 * IStatusService.CoverageThreshold)} số đơn vị áp dụng đã nộp.");
        if (report.IncludesSampleData)
        {
            lines.Add(SampleNote);
        }

        return string.Join("\n", lines);
    }

    /// <summary>The caption of a chart sent as a file.</summary>
    public static string Chart(Charts.ChartKind kind, Period period, string where, string fileName) => kind switch
    {
        Charts.ChartKind.Progress => $"Biểu đồ tiến độ nộp báo cáo {period.Label} theo ngày, {where}, so với hạn chót: tệp {fileName}.",
        Charts.ChartKind.Communes => $"Biểu đồ tỷ lệ nộp báo cáo {period.Label} theo xã/phường (thấp nhất trước), {where}: tệp {fileName}.",
        _ => $"Biểu đồ các chỉ tiêu so với kế hoạch qua {Charts.ChartService.IndicatorMonths} tháng đến {period.Label}, {where}: tệp {fileName}.",
    };

    /// <summary>"tăng 3,5 điểm %", "giảm 2 điểm %", "không đổi".</summary>
    public static string Change(decimal points) =>
        points == 0 ? "không đổi" : (points > 0 ? "tăng " : "giảm ") + Math.Abs(points).ToString("0.#", Vietnamese) + " điểm %";

    private static string Percent(decimal value) => value.ToString("0.#", Vietnamese) + "%";

    private static string Day(DateTimeOffset? at) => at is { } a ? VietnamTime.ToLocal(a).ToString("dd/MM", CultureInfo.InvariantCulture) : "";
}
