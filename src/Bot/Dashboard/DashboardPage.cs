using System.Security.Cryptography;
using System.Text;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;

namespace DtsAssistant.Bot.Dashboard;

/// <summary>What one dashboard page shows: the period's status in the scope, the months before it, the indicators.</summary>
/// <param name="ToChase">Units in scope not filed, or filed late, with whom to call.</param>
internal sealed record DashboardView(Period Period, string? CommuneCode, PeriodStatus Status, IReadOnlyList<PeriodStatus> Trend,
    IndicatorReport Indicators, IReadOnlyList<Period> Periods, IReadOnlyList<UnitFiling> ToChase);

/// <summary>
/// The dashboard as server-rendered HTML: no script at all, one inline style block allowed by its hash in the CSP,
/// every value HTML-encoded. Bars are &lt;progress&gt; elements, so no inline style is needed.
/// </summary>
internal static class DashboardPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:12px;color:#1b1b1b}
        h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
        table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}
        td.n,th.n{text-align:right}.sample{background:#fff3cd;padding:6px 10px;border:1px solid #e0c36a}
        .cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:120px}
        .card b{display:block;font-size:1.5em}progress{width:120px}nav a{margin-right:10px}.ok{color:#176c2c}.no{color:#a11}.na{color:#666}
        button{font-size:1.1em;padding:8px 16px}img.chart{max-width:100%;height:auto;display:block;margin:.5em 0}
        """;

    /// <summary>The page's Content-Security-Policy: nothing but the one style block; forms post only to this server.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Notice(string title, string text, string? formAction = null, string? button = null)
    {
        var body = new StringBuilder().Append("<h1>").Append(E(title)).Append("</h1><p>").Append(E(text)).Append("</p>");
        if (formAction is not null)
        {
            body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\"><button type=\"submit\">")
                .Append(E(button ?? "")).Append("</button></form>");
        }

        return Document(title, body.ToString());
    }

    public static string Render(DashboardView view)
    {
        var status = view.Status;
        var html = new StringBuilder();
        html.Append("<h1>").Append(E(DashboardTexts.Title)).Append("</h1>");
        html.Append("<p id=\"scope\">").Append(E(DashboardTexts.Capitalized(status.ScopeLabel))).Append(" — ").Append(E(status.Period.Label))
            .Append(". ").Append(E(DashboardTexts.Deadline(status.Window.LastDayOnTime))).Append(".</p>");
        if (status.IncludesSampleData)
        {
            html.Append("<p class=\"sample\">").Append(E(DashboardTexts.SampleData)).Append("</p>");
        }

        html.Append("<nav>");
        foreach (var period in view.Periods)
        {
            html.Append("<a href=\"").Append(E(Link(period, view.CommuneCode))).Append("\">").Append(E(period.Label)).Append("</a>");
        }

        html.Append("</nav>");
        Cards(html, status.Overall);
        html.Append("<p>Tải về: <a id=\"xlsx\" href=\"").Append(E(Download(view, "xlsx"))).Append("\">bảng tính XLSX</a> · <a href=\"")
            .Append(E(Download(view, "csv"))).Append("\">CSV</a></p>");
        Charts(html, view);
        Trend(html, view.Trend);
        Rates(html, "Tỷ lệ nộp theo xã/phường", "Xã/phường", status.ByCommune, view);
        Rates(html, "Tỷ lệ nộp theo cấp học", "Cấp học / loại hình", status.ByKind, null);
        Indicators(html, view.Indicators);
        ToChase(html, view.ToChase);
        return Document(DashboardTexts.Title, html.ToString());
    }

    private static void Cards(StringBuilder html, CompletenessRow overall)
    {
        html.Append("<div class=\"cards\" id=\"overall\">");
        foreach (var (label, value, id) in new[]
                 {
                     ("Đơn vị phải nộp", overall.Expected, "expected"), ("Đã nộp", overall.Submitted, "submitted"),
                     ("Đúng hạn", overall.OnTime, "ontime"), ("Muộn", overall.Late, "late"), ("Chưa nộp", overall.Missing, "missing"),
                     ("Đang soạn", overall.Drafts, "drafts"),
                 })
        {
            html.Append("<div class=\"card\" id=\"").Append(id).Append("\"><b>").Append(E(DashboardTexts.Number(value))).Append("</b>")
                .Append(E(label)).Append("</div>");
        }

        html.Append("</div><p>Tỷ lệ nộp: <b id=\"rate\">").Append(E(DashboardTexts.Percent(overall.CompletenessPercent))).Append("</b>, đúng hạn ")
            .Append(E(DashboardTexts.Percent(overall.OnTimePercent))).Append(".</p>");
    }

    private static void Trend(StringBuilder html, IReadOnlyList<PeriodStatus> trend)
    {
        html.Append("<h2>Theo kỳ báo cáo</h2><table id=\"trend\"><tr><th>Kỳ</th><th class=\"n\">Đã nộp</th><th class=\"n\">Muộn</th>")
            .Append("<th class=\"n\">Chưa nộp</th><th class=\"n\">Tỷ lệ nộp</th></tr>");
        foreach (var row in trend)
        {
            html.Append("<tr><td>").Append(E(row.Period.Label)).Append("</td>")
                .Append(Cell(row.Overall.Submitted)).Append(Cell(row.Overall.Late)).Append(Cell(row.Overall.Missing))
                .Append("<td class=\"n\">").Append(E(DashboardTexts.Percent(row.Overall.CompletenessPercent))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Rates(StringBuilder html, string title, string header, IReadOnlyList<CompletenessRow> rows, DashboardView? links)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2><table><tr><th>").Append(E(header)).Append("</th><th class=\"n\">Đã nộp</th>")
            .Append("<th class=\"n\">Muộn</th><th class=\"n\">Chưa nộp</th><th class=\"n\">Tỷ lệ</th><th></th></tr>");
        // Worst first: the rows that need a phone call lead.
        foreach (var row in rows.OrderBy(r => r.CompletenessPercent).ThenBy(r => r.Label, StringComparer.Ordinal))
        {
            var name = links is not null && links.CommuneCode is null && row.Key != "SO"
                ? $"<a href=\"{E(Link(links.Period, row.Key))}\">{E(row.Label)}</a>"
                : E(row.Label);
            html.Append("<tr><td>").Append(name).Append("</td>").Append(Cell(row.Submitted)).Append(Cell(row.Late)).Append(Cell(row.Missing))
                .Append("<td class=\"n\">").Append(E(DashboardTexts.Percent(row.CompletenessPercent))).Append("</td><td><progress max=\"100\" value=\"")
                .Append(E(row.CompletenessPercent.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("\"></progress></td></tr>");
        }

        html.Append("</table>");
    }

    private static void Indicators(StringBuilder html, IndicatorReport report)
    {
        html.Append("<h2>Chỉ tiêu so với kế hoạch</h2><table id=\"indicators\"><tr><th>Chỉ tiêu</th><th class=\"n\">Kết quả</th>")
            .Append("<th>Mục tiêu</th><th>Đánh giá</th><th class=\"n\">Đơn vị đã báo cáo</th></tr>");
        foreach (var figure in report.Figures.Where(f => f.Definition.Kind != Reporting.Forms.IndicatorKind.Distribution))
        {
            // The one verdict wording (chat, exports, here): below half the units it applies to, "chưa đủ dữ liệu (3/15 đơn vị)".
            var verdict = IndicatorVerdict.Text(figure);
            var css = verdict == "đạt" ? "ok" : verdict == "chưa đạt" ? "no" : "na";
            html.Append("<tr><td>").Append(E(figure.Definition.Name)).Append("</td><td class=\"n\">")
                .Append(E(figure.Percent is { } p ? DashboardTexts.Percent(p) : "—")).Append("</td><td>")
                .Append(E(figure.Definition.TargetText ?? (figure.Definition.TargetPercent is { } t ? DashboardTexts.Percent(t) : "—")))
                .Append("</td><td class=\"").Append(css).Append("\">").Append(E(verdict.Length == 0 ? "—" : verdict)).Append("</td><td class=\"n\">")
                .Append(E($"{DashboardTexts.Number(figure.UnitsReporting)}/{DashboardTexts.Number(figure.UnitsExpected)}")).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private const int MaxChased = 100;

    private static void ToChase(StringBuilder html, IReadOnlyList<UnitFiling> units)
    {
        html.Append("<h2>Đơn vị chưa nộp hoặc nộp muộn</h2>");
        if (units.Count > MaxChased)
        {
            html.Append("<p>").Append(E($"{DashboardTexts.Number(units.Count)} đơn vị; {MaxChased} đơn vị đầu tiên dưới đây, danh sách đủ trong tệp tải về."))
                .Append("</p>");
        }

        html.Append("<table id=\"chase\"><tr><th>Đơn vị</th><th>Xã/phường</th><th>Tình trạng</th><th>Đầu mối</th><th>Điện thoại</th></tr>");
        foreach (var unit in units.Take(MaxChased))
        {
            var state = unit.Submitted ? $"nộp muộn {unit.DaysLate} ngày" : unit.HasDraft ? "đang soạn" : "chưa nộp";
            html.Append("<tr><td>").Append(E(unit.Unit.Name)).Append("</td><td>").Append(E(unit.Unit.Commune?.Name ?? "")).Append("</td><td>")
                .Append(E(state)).Append("</td><td>").Append(E(unit.FocalPointName ?? "chưa đăng ký")).Append("</td><td>")
                .Append(E(unit.Phone ?? "")).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    public static string Link(Period period, string? commune) =>
        "/bangdieukhien?ky=" + Uri.EscapeDataString(period.Key) + (commune is null ? "" : "&xa=" + Uri.EscapeDataString(commune));

    /// <summary>The three charts as images served by /bangdieukhien/bieudo/... (same session check as the page).</summary>
    private static void Charts(StringBuilder html, DashboardView view)
    {
        html.Append("<h2>Biểu đồ</h2>");
        foreach (var (kind, alt) in new[]
        {
            (Bot.Charts.ChartKind.Progress, "Biểu đồ tiến độ nộp báo cáo theo ngày"),
            (Bot.Charts.ChartKind.Communes, "Biểu đồ tỷ lệ nộp theo xã/phường"),
            (Bot.Charts.ChartKind.Indicators, "Biểu đồ chỉ tiêu so với kế hoạch theo tháng"),
        })
        {
            html.Append("<img class=\"chart\" src=\"").Append(E(ChartLink(view, kind))).Append("\" alt=\"").Append(E(alt)).Append("\">");
        }
    }

    public static string ChartLink(DashboardView view, Bot.Charts.ChartKind kind) =>
        $"/bangdieukhien/bieudo/{Bot.Charts.ChartService.Slug(kind)}/{Uri.EscapeDataString(view.Period.Key)}.png"
        + (view.CommuneCode is null ? "" : "?xa=" + Uri.EscapeDataString(view.CommuneCode));

    private static string Download(DashboardView view, string extension) =>
        $"/bangdieukhien/tai/{Uri.EscapeDataString(view.Period.Key)}.{extension}" + (view.CommuneCode is null ? "" : "?xa=" + Uri.EscapeDataString(view.CommuneCode));

    private static string Cell(int value) => $"<td class=\"n\">{E(DashboardTexts.Number(value))}</td>";

    private static string Document(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"referrer\" content=\"no-referrer\"><title>{E(title)}</title><style>{Style}</style></head><body>{body}</body></html>";

    /// <summary>HTML-encodes the five special characters only (WebUtility would also turn "ã" into "&amp;#227;").</summary>
    private static string E(string text) => Channels.ReplyText.EscapeHtml(text).Replace("'", "&#39;", StringComparison.Ordinal);
}
