using System.Globalization;
using System.Text;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Spreadsheets;
using DtsAssistant.Reporting.Status;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Export;

internal sealed class ExportService(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule, TimeProvider clock, IStatusService status) : IExportService
{
    private static readonly string[] StatusHeaders =
        ["Mã đơn vị", "Tên đơn vị", "Loại hình", "Công lập", "Xã/phường", "Báo cáo về", "Trạng thái", "Đúng hạn", "Lần nộp", "Thời điểm nộp", "Số biên nhận"];

    public async Task<ExportFile> ExportPeriodAsync(Caller caller, Period period, ExportFormat format, string? communeCode = null, CancellationToken ct = default)
    {
        var form = forms.ForPeriod(period) ?? forms.All.Where(f => f.PeriodKind == period.Kind).MaxBy(f => f.Version)
            ?? throw new InvalidOperationException($"No form for {period.Key}.");
        await using var db = await database.OpenAsync(ct);
        var (units, label) = await db.UnitsInScopeAsync(caller, communeCode, ct);
        var filter = PeriodData.ScopeFilter(caller, communeCode, units);
        var reports = await PeriodData.ReportsAsync(db, period, filter, ct);
        var answers = (await PeriodData.SubmittedAnswersAsync(db, period, filter, null, ct))
            .GroupBy(a => a.UnitId).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.QuestionKey, StringComparer.Ordinal));
        var periodKey = period.Key;
        var references = await db.ReportSubmissions
            .Where(s => db.Reports.Any(r => r.Id == s.ReportId && r.PeriodKey == periodKey && r.SubmittedVersion == s.Version))
            .Select(s => new { s.ReportId, s.ReferenceNumber })
            .ToDictionaryAsync(s => s.ReportId, s => s.ReferenceNumber, ct);

        var table = new List<object?[]>();
        foreach (var unit in units.OrderBy(u => u.Commune?.Name ?? "\uffff", StringComparer.Ordinal).ThenBy(u => u.Code, StringComparer.Ordinal))
        {
            reports.TryGetValue(unit.Id, out var report);
            var values = answers.GetValueOrDefault(unit.Id);
            var row = new List<object?>
            {
                unit.Code, unit.Name, UnitKinds.Label(unit.Kind), unit.IsPublic ? "Công lập" : "Tư thục", unit.Commune?.Name ?? "",
                unit.ReportsTo == ReportingLine.Commune ? "UBND xã/phường" : "Sở GDĐT",
                report is null ? "Chưa nộp" : report.IsSubmitted ? "Đã nộp" : "Đang soạn",
                report?.Timeliness switch { Timeliness.OnTime => "Đúng hạn", Timeliness.Late => "Muộn", _ => "" },
                report is { IsSubmitted: true } ? report.SubmittedVersion : null,
                report?.LastSubmittedAt is { } at ? VietnamTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                report is not null && references.TryGetValue(report.Id, out var reference) ? reference : "",
            };
            foreach (var question in form.Questions)
            {
                row.Add(values is not null && values.TryGetValue(question.Key, out var answer) ? CellValue(question, answer) : null);
            }

            table.Add([.. row]);
        }

        var stem = $"bao-cao-{period.Key}" + (communeCode is null ? "" : "-" + communeCode.Trim());
        var sample = units.Any(u => u.IsSample);
        if (format == ExportFormat.Csv)
        {
            return new ExportFile(stem + ".csv", "text/csv; charset=utf-8", Csv(form, table));
        }

        var indicators = await status.IndicatorsAsync(caller, period, communeCode, ct);
        var totals = StatusService.Build(period, schedule.WindowOf(period), label, units, reports);
        return new ExportFile(stem + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Xlsx(form, table, period, label, sample, ExportSheets.Indicators(indicators), ExportSheets.Totals(totals)));
    }

    private static object? CellValue(QuestionDefinition question, SubmittedAnswer answer)
    {
        var value = AnswerValue.FromStorage(question.Type, answer.Value);
        return value switch
        {
            IntegerAnswer i => i.Value,
            PercentageAnswer p => p.Value,
            _ => value.Display(question),
        };
    }

    private static byte[] Csv(FormDefinition form, List<object?[]> table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', StatusHeaders.Concat(form.Questions.Select(q => q.Key)).Select(SampleDirectory.Quote)).Append("\r\n");
        foreach (var row in table)
        {
            text.AppendJoin(',', row.Select(v => SampleDirectory.Quote(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""))).Append("\r\n");
        }

        // With a BOM, Excel opens the UTF-8 Vietnamese text correctly.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private byte[] Xlsx(FormDefinition form, List<object?[]> table, Period period, string scope, bool sample,
        List<object?[]> indicators, List<object?[]> totals)
    {
        // People read the workbook: the questions' own Vietnamese words head the columns (keys are on "Câu hỏi").
        var headers = StatusHeaders.Concat(form.Questions.Select(ExportSheets.Header)).Cast<object?>().ToArray();
        var questions = new List<object?[]> { new object?[] { "Mã câu hỏi", "Câu hỏi", "Kiểu", "Áp dụng", "Chỉ tiêu" } };
        questions.AddRange(form.Questions.Select(q => new object?[] { q.Key, q.Text, q.Type.ToString(), Applies(q.AppliesTo), q.PlanRef ?? "" }));
        var window = schedule.WindowOf(period);
        object?[][] info =
        [
            ["Mục", "Nội dung"],
            ["Kỳ báo cáo", period.Label],
            ["Phạm vi", scope],
            ["Biểu mẫu", $"{form.Title} (phiên bản {form.Version})"],
            ["Hạn nộp", "trước ngày " + window.LastDayOnTime.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)],
            ["Xuất lúc", VietnamTime.ToLocal(clock.GetUtcNow()).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)],
            ["Dữ liệu", sample ? SampleDirectory.Label + " — danh mục đơn vị tổng hợp, không phải số liệu thật" : "Số liệu các đơn vị đã nộp"],
        ];
        return Spreadsheets.Xlsx.Write(
            new Spreadsheets.Xlsx.SheetData("Báo cáo", [headers, .. table]),
            new Spreadsheets.Xlsx.SheetData("Chỉ tiêu", indicators),
            new Spreadsheets.Xlsx.SheetData("Tổng hợp", totals),
            new Spreadsheets.Xlsx.SheetData("Câu hỏi", questions),
            new Spreadsheets.Xlsx.SheetData("Thông tin", info));
    }

    private static string Applies(Applicability a)
    {
        var parts = new List<string>();
        parts.Add(a.Levels.Count == 0 ? "tất cả" : string.Join(", ", a.Levels));
        if (a.SchoolsOnly)
        {
            parts.Add("trường học");
        }

        if (a.PublicOnly)
        {
            parts.Add("công lập");
        }

        return string.Join("; ", parts);
    }
}
