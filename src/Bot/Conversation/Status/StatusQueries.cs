using System.Globalization;
using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Export;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Forms.Input;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;

namespace DtsAssistant.Bot.Conversation.Status;

/// <summary>
/// Status in chat: who has filed, who has not, indicator figures, and the XLSX export, from the reporting queries,
/// within the asker's scope and for the current period unless another is named. The role check is the first thing
/// every public method does (the reporting services check again).
/// </summary>
internal sealed class StatusQueries(
    IStatusService status,
    IExportService export,
    IDirectoryService directory,
    IFilingService filing,
    IReportingSchedule schedule,
    Charts.ChartService charts)
{
    private static readonly CultureInfo Vietnamese = VietnameseCulture.Instance;

    private const string NotAllowed =
        "Số liệu nộp báo cáo chỉ dành cho cán bộ xã/phường, cán bộ Sở và đầu mối CĐS đã đăng ký. Nếu bạn có mã mời, gõ /dangky <mã>. " +
        "Bạn vẫn có thể hỏi về kế hoạch, ví dụ: \"chỉ tiêu chữ ký số là bao nhiêu?\"";

    private const int MaxListed = 25;

    public static bool SeesStatus(Caller caller) =>
        caller.SeesProvince || caller.Has(Role.CommuneOfficer);

    /// <summary>/trangthai [words]: the overall status unless the words ask for the missing list or an indicator.</summary>
    public Task<Reply> CommandAsync(Caller caller, string argument, CancellationToken ct) => AnswerAsync(caller, argument, ct);

    /// <summary>A status question in plain words ("tháng 11 còn trường nào ở xã Yên Mô chưa nộp?").</summary>
    public async Task<Reply> AnswerAsync(Caller caller, string text, CancellationToken ct)
    {
        var scope = await ScopeAsync(caller, text, ct).ConfigureAwait(false);
        if (scope.Refusal is { } refusal)
        {
            return refusal;
        }

        try
        {
            var folded = StatusWords.Fold(text);
            var kinds = StatusWords.Kinds(text);
            if (StatusWords.AsksChart(folded) is { } chart)
            {
                return await ChartAsync(caller, chart, scope.Period, scope.CommuneCode, scope.CommuneName, ct).ConfigureAwait(false);
            }

            if (StatusWords.AsksIndicatorTable(folded))
            {
                return await IndicatorTableAsync(caller, scope.Period, scope.CommuneCode, ct).ConfigureAwait(false);
            }

            if (StatusWords.AsksLate(folded))
            {
                return await LateAsync(caller, scope.Period, scope.CommuneCode, scope.CommuneName, kinds, ct).ConfigureAwait(false);
            }

            if (StatusWords.AsksMissing(folded))
            {
                return await MissingAsync(caller, scope.Period, scope.CommuneCode, scope.CommuneName, kinds, ct).ConfigureAwait(false);
            }

            var report = await status.IndicatorsAsync(caller, scope.Period, scope.CommuneCode, ct).ConfigureAwait(false);
            if (BestIndicator(report, folded) is { } figure)
            {
                return new Reply(IndicatorText(report, figure), Buttons(scope.Period, scope.CommuneCode));
            }

            return kinds.Count > 0
                ? await LateAsync(caller, scope.Period, scope.CommuneCode, scope.CommuneName, kinds, ct).ConfigureAwait(false)
                : await OverallAsync(caller, scope.Period, scope.CommuneCode, ct).ConfigureAwait(false);
        }
        catch (ReportingAccessDeniedException denied)
        {
            return new Reply(CommonTexts.Denied(denied));
        }
    }

    /// <summary>The units in scope (of some kinds) that have not submitted ("chưa nộp"), with whom to call.</summary>
    public async Task<Reply> MissingAsync(Caller caller, Period period, string? communeCode, string? communeName, IReadOnlyCollection<UnitKind>? kinds, CancellationToken ct)
    {
        if (!SeesStatus(caller))
        {
            return new Reply(NotAllowed);
        }

        try
        {
            var filings = await status.UnitFilingsAsync(caller, period, communeCode, kinds, ct).ConfigureAwait(false);
            var missing = filings.Where(f => !f.Submitted).ToList();
            var where = await WhereAsync(caller, communeCode, communeName, kinds, ct).ConfigureAwait(false);
            if (filings.Count == 0)
            {
                return new Reply($"Báo cáo {period.Label}, {where}: không có đơn vị nào trong phạm vi này.");
            }

            if (missing.Count == 0)
            {
                return new Reply($"Báo cáo {period.Label}, {where}: tất cả {filings.Count} đơn vị đã nộp.");
            }

            var lines = new List<string> { $"Báo cáo {period.Label}, {where}: {missing.Count}/{filings.Count} đơn vị chưa nộp:" };
            lines.AddRange(missing.Take(MaxListed).Select(m => StatusTexts.MissingLine(m, communeCode is null)));
            if (missing.Count > MaxListed)
            {
                lines.Add($"… và {missing.Count - MaxListed} đơn vị khác. Gõ \"xuất báo cáo {period.Label}\" để lấy danh sách đầy đủ.");
            }

            if (missing.Any(m => m.Unit.IsSample))
            {
                lines.Add(StatusTexts.SampleNote);
            }

            return new Reply(string.Join("\n", lines), [[new ReplyButton("Xuất Excel", ExportButton(period, communeCode))]]);
        }
        catch (ReportingAccessDeniedException denied)
        {
            return new Reply(CommonTexts.Denied(denied));
        }
    }

    /// <summary>On time and late ("nộp muộn"), with days late, and how many have not filed.</summary>
    public async Task<Reply> LateAsync(Caller caller, Period period, string? communeCode, string? communeName, IReadOnlyCollection<UnitKind>? kinds, CancellationToken ct)
    {
        var filings = await status.UnitFilingsAsync(caller, period, communeCode, kinds, ct).ConfigureAwait(false);
        var where = await WhereAsync(caller, communeCode, communeName, kinds, ct).ConfigureAwait(false);
        return StatusTexts.Late(period, where, filings, MaxListed, Buttons(period, communeCode));
    }

    /// <summary>Every indicator against its target for the scope and period, with coverage and the change from last period.</summary>
    public async Task<Reply> IndicatorTableAsync(Caller caller, Period period, string? communeCode, CancellationToken ct)
    {
        var report = await status.IndicatorsAsync(caller, period, communeCode, ct).ConfigureAwait(false);
        var previous = await status.IndicatorsAsync(caller, period.Previous(), communeCode, ct).ConfigureAwait(false);
        return new Reply(StatusTexts.IndicatorTable(report, previous), Buttons(period, communeCode));
    }

    /// <summary>"biểu đồ …": the chart as a PNG file, within the caller's scope (the status service checks again).</summary>
    public async Task<Reply> ChartAsync(Caller caller, Charts.ChartKind kind, Period period, string? communeCode, string? communeName, CancellationToken ct)
    {
        var image = await charts.RenderAsync(caller, kind, period, communeCode, ct).ConfigureAwait(false);
        var where = await WhereAsync(caller, communeCode, communeName, null, ct).ConfigureAwait(false);
        return new Reply(StatusTexts.Chart(kind, period, where, image.FileName), Buttons(period, communeCode),
            File: new ReplyFile(image.FileName, Charts.ChartImage.ContentType, image.Png));
    }

    /// <summary>The scope in words; the commune's name is looked up only when just its code is known (a button).</summary>
    private async Task<string> WhereAsync(Caller caller, string? communeCode, string? communeName, IReadOnlyCollection<UnitKind>? kinds, CancellationToken ct)
    {
        var where = communeCode is null ? ScopeName(caller)
            : communeName ?? (await directory.FindCommuneAsync(communeCode, ct).ConfigureAwait(false))?.Name ?? communeCode;
        return kinds is { Count: > 0 } ? $"{where} ({string.Join(", ", kinds.Order().Select(UnitKinds.Label))})" : where;
    }

    /// <summary>"xuất báo cáo tháng 11": the period as an XLSX file within the caller's scope.</summary>
    public async Task<Reply> ExportAsync(Caller caller, string text, CancellationToken ct)
    {
        var scope = await ScopeAsync(caller, text, ct).ConfigureAwait(false);
        if (scope.Refusal is { } refusal)
        {
            return refusal;
        }

        return await ExportAsync(caller, scope.Period, scope.CommuneCode, ct).ConfigureAwait(false);
    }

    public async Task<Reply> ExportAsync(Caller caller, Period period, string? communeCode, CancellationToken ct)
    {
        if (!SeesStatus(caller))
        {
            return new Reply(NotAllowed);
        }

        try
        {
            var file = await export.ExportPeriodAsync(caller, period, ExportFormat.Xlsx, communeCode, ct).ConfigureAwait(false);
            return new Reply($"Bảng tổng hợp báo cáo {period.Label} ({ScopeName(caller)}): tệp {file.FileName}.",
                File: new ReplyFile(file.FileName, file.ContentType, file.Content));
        }
        catch (ReportingAccessDeniedException denied)
        {
            return new Reply(CommonTexts.Denied(denied));
        }
    }

    /// <summary>Presses of the status buttons: "st:missing:2025-11[:commune]" and "st:export:...".</summary>
    public async Task<Reply> ButtonAsync(Caller caller, string data, CancellationToken ct)
    {
        var parts = data.Split(':');
        if (parts.Length < 3 || !Period.TryParse(parts[2], out var period))
        {
            return new Reply("Nút này không còn dùng được. Gõ /trangthai để xem lại.");
        }

        var commune = parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null;
        return parts[1] switch
        {
            "missing" => await MissingAsync(caller, period, commune, null, null, ct).ConfigureAwait(false),
            "export" => await ExportAsync(caller, period, commune, ct).ConfigureAwait(false),
            _ => new Reply("Nút này không còn dùng được. Gõ /trangthai để xem lại."),
        };
    }

    private async Task<Reply> OverallAsync(Caller caller, Period period, string? communeCode, CancellationToken ct)
    {
        var result = await status.StatusAsync(caller, period, communeCode, ct).ConfigureAwait(false);
        var o = result.Overall;
        var lines = new List<string>
        {
            $"Báo cáo {period.Label} — {result.ScopeLabel}:",
            CommonTexts.Deadline(result.Window, DateOnly.FromDateTime(VietnamTime.ToLocal(schedule.Now).DateTime)),
            $"Đã nộp {o.Submitted}/{o.Expected} đơn vị ({Percent(o.CompletenessPercent)}); đúng hạn {o.OnTime}, muộn {o.Late}; đang làm dở {o.Drafts}; chưa nộp {o.Missing}.",
        };
        var byCommune = result.ByCommune.Where(r => r.Expected > 0).OrderBy(r => r.CompletenessPercent).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        if (communeCode is null && byCommune.Count > 1)
        {
            lines.Add("Xã/phường nộp ít nhất:");
            lines.AddRange(byCommune.Take(5).Select(r => $"• {r.Label}: {r.Submitted}/{r.Expected} ({Percent(r.CompletenessPercent)})"));
        }

        if (result.ByKind.Count > 1)
        {
            lines.Add("Theo cấp học: " + string.Join("; ", result.ByKind.Where(r => r.Expected > 0).Select(r => $"{r.Label} {r.Submitted}/{r.Expected}")));
        }

        var before = await status.StatusAsync(caller, period.Previous(), communeCode, ct).ConfigureAwait(false);
        if (before.Overall.Expected > 0)
        {
            lines.Add($"So với {period.Previous().Label}: tỷ lệ nộp {Percent(before.Overall.CompletenessPercent)} → {Percent(o.CompletenessPercent)} ({StatusTexts.Change(o.CompletenessPercent - before.Overall.CompletenessPercent)}).");
        }

        if (result.IncludesSampleData)
        {
            lines.Add(StatusTexts.SampleNote);
        }

        return new Reply(string.Join("\n", lines), Buttons(period, communeCode));
    }

    private static string IndicatorText(IndicatorReport report, IndicatorFigure figure)
    {
        var d = figure.Definition;
        var head = $"{d.Name} — {report.Period.Label}, {report.ScopeLabel}";
        if (figure.UnitsReporting == 0 || figure.Percent is null && d.Kind != IndicatorKind.Distribution)
        {
            return $"{head}: chưa có đơn vị nào nộp số liệu này.";
        }

        var verdict = IndicatorVerdict.Text(figure);
        var target = d.TargetText is { } t ? $" Chỉ tiêu: {t}" + (verdict.Length > 0 ? $" — {verdict}." : ".") : string.Empty;
        var sample = report.IncludesSampleData ? "\n" + StatusTexts.SampleNote : string.Empty;
        return d.Kind switch
        {
            IndicatorKind.Ratio =>
                $"{head}: {Number(figure.Numerator)}/{Number(figure.Denominator)} = {Percent(figure.Percent!.Value)}, từ {figure.UnitsReporting}/{figure.UnitsExpected} đơn vị đã nộp.{target}{sample}",
            IndicatorKind.ShareOfUnits =>
                $"{head}: {Number(figure.Numerator)}/{Number(figure.Denominator)} đơn vị ({Percent(figure.Percent!.Value)}).{target}{sample}",
            _ => $"{head} ({figure.UnitsReporting} đơn vị): " +
                string.Join("; ", figure.Distribution.Select(b => $"{b.Label}: {b.Units} ({Percent(b.Percent)})")) + $".{sample}",
        };
    }

    /// <summary>
    /// The indicator the words are about: the most informative words shared with its name and question keys.
    /// Generic: nothing here knows the example sentences.
    /// </summary>
    private static IndicatorFigure? BestIndicator(IndicatorReport report, string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !IndicatorStopWords.Contains(w)).ToHashSet();
        if (words.Count == 0)
        {
            return null;
        }

        var scored = report.Figures
            .Select(f => (Figure: f, Score: IndicatorWords(f.Definition).Count(words.Contains)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ToList();
        if (scored.Count == 0 || (scored.Count > 1 && scored[0].Score == scored[1].Score))
        {
            return null;
        }

        // One shared word is enough only when the question asks for a share or count ("tỷ lệ", "bao nhiêu").
        var asksFigure = folded.Contains(" ty le ", StringComparison.Ordinal) || folded.Contains(" ti le ", StringComparison.Ordinal)
            || folded.Contains(" bao nhieu ", StringComparison.Ordinal) || folded.Contains(" may ", StringComparison.Ordinal)
            || folded.Contains(" phan tram ", StringComparison.Ordinal);
        return scored[0].Score >= 2 || asksFigure ? scored[0].Figure : null;
    }

    private static HashSet<string> IndicatorWords(IndicatorDefinition d) =>
        VietnameseText.Words(string.Join(' ', new[] { d.Name, d.Id, d.Question, d.Numerator }.Where(s => s is not null)).Replace('_', ' '))
            .Where(w => !IndicatorStopWords.Contains(w))
            .ToHashSet();

    private static readonly HashSet<string> IndicatorStopWords =
    [
        "co", "da", "cac", "bao", "nhieu", "ty", "ti", "le", "toan", "tinh", "truong", "don", "vi", "thang", "quy", "nam", "nay",
        "xa", "phuong", "cua", "la", "duoc", "o", "con", "nao", "chua", "nop", "cao", "va", "the", "nhung", "may", "phan", "tram",
        "hien", "tai", "so", "lieu", "trong", "tren", "den", "cho", "em", "hoi", "a", "oi", "ad", "dat", "muc",
    ];

    /// <summary>The period (named or current) and commune (named after "xã"/"phường") a question is about, or why not.</summary>
    private async Task<(Period Period, string? CommuneCode, string? CommuneName, Reply? Refusal)> ScopeAsync(Caller caller, string text, CancellationToken ct)
    {
        var period = PeriodPhrases.Find(text, schedule.CurrentPeriod(PeriodKind.Monthly)) ?? schedule.CurrentPeriod(PeriodKind.Monthly);
        if (!SeesStatus(caller))
        {
            return (period, null, null, caller.FilingUnits.Count > 0
                ? await OwnUnitAsync(caller, text, ct).ConfigureAwait(false)
                : new Reply(NotAllowed));
        }

        var match = await status.FindCommuneAsync(text, ct).ConfigureAwait(false);
        if (match.Candidates.Count > 1)
        {
            return (period, null, null, new Reply($"Có nhiều xã/phường cùng tên: {string.Join(", ", match.Candidates.Select(c => $"{c.Name} (mã {c.Code})"))}. Bạn ghi mã xã/phường nhé."));
        }

        if (match.Commune is not { } exact)
        {
            return StatusWords.WrittenCommuneName(text) is { } written
                ? (period, null, null, new Reply($"Không tìm thấy xã/phường \"{written}\" trong danh mục."))
                : (period, null, null, null);
        }

        if (!caller.SeesProvince && caller.OverseenCommunes.All(c => c.Id != exact.Id))
        {
            return (period, null, null, new Reply($"Bạn chỉ xem được số liệu của {string.Join(", ", caller.OverseenCommunes.Select(c => c.Name))}, không xem được {exact.Name}."));
        }

        return (period, exact.Code, exact.Name, null);
    }

    /// <summary>A focal point sees only the own unit's reports; asking about others is refused.</summary>
    private async Task<Reply> OwnUnitAsync(Caller caller, string text, CancellationToken ct)
    {
        var unit = caller.FilingUnits[0];
        var folded = " " + VietnameseText.FoldWords(text) + " ";
        if (StatusWords.WrittenCommuneName(text) is not null || (await status.FindCommuneAsync(text, ct).ConfigureAwait(false)).Commune is not null
            || folded.Contains(" toan tinh ", StringComparison.Ordinal)
            || folded.Contains(" truong nao ", StringComparison.Ordinal) || folded.Contains(" don vi nao ", StringComparison.Ordinal)
            || folded.Contains(" cac truong ", StringComparison.Ordinal))
        {
            return new Reply($"Đầu mối CĐS chỉ xem được báo cáo của đơn vị mình ({unit.Name}). Số liệu của đơn vị khác do xã/phường và Sở theo dõi.");
        }

        var history = await filing.HistoryAsync(caller, unit.Code, 3, ct).ConfigureAwait(false);
        if (history.Count == 0)
        {
            return new Reply($"{unit.Name} chưa có báo cáo nào. Gõ /baocao để bắt đầu.", [[new ReplyButton("Nộp báo cáo", "cmd:baocao")]]);
        }

        var lines = new List<string> { $"Báo cáo của {unit.Name}:" };
        lines.AddRange(history.Select(h => $"• {h.Period.Label}: " + (h.Status == ReportStatus.Submitted
            ? $"đã nộp{(h.Timeliness == Timeliness.Late ? " (muộn)" : " (đúng hạn)")}{(h.SubmittedVersion > 1 ? $", đã sửa {h.SubmittedVersion - 1} lần" : string.Empty)}{(h.ReferenceNumber is { } r ? $", số {r}" : string.Empty)}"
            : "đang làm dở")));
        return new Reply(string.Join("\n", lines));
    }

    private static IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons(Period period, string? communeCode) =>
    [[
        new ReplyButton("Đơn vị chưa nộp", $"st:missing:{period.Key}:{communeCode}"),
        new ReplyButton("Xuất Excel", ExportButton(period, communeCode)),
    ]];

    private static string ExportButton(Period period, string? communeCode) => $"st:export:{period.Key}:{communeCode}";

    private static string ScopeName(Caller caller) =>
        caller.SeesProvince ? "toàn tỉnh" : string.Join(", ", caller.OverseenCommunes.Select(c => c.Name));

    private static string Percent(decimal value) => value.ToString("0.#", Vietnamese) + "%";

    private static string Number(decimal value) => value.ToString("#,0.##", Vietnamese);
}
