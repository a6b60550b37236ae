using System.Text;
using DtsAssistant.Bot.Conversation.Status;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Export;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Dashboard;

/// <summary>
/// /bangdieukhien: the sign-in link from chat (GET shows a button, POST uses the link: chat apps open links for their
/// previews, which must not use up a one-time link), the page and the downloads. Everything but the sign-in link needs
/// the session cookie, and the caller's roles are read again from the directory on every request.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Path = "/bangdieukhien";
    public const string Cookie = "dts_dashboard";
    private const int TrendMonths = 6;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path);
        // nosniff, X-Frame-Options and Referrer-Policy come from UseWebChatProtection, which runs for every response.
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = DashboardPage.ContentSecurityPolicy;
            headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapGet("/vao/{token}", (string token, DashboardSessions sessions) => sessions.IsLinkValid(token)
            ? Html(DashboardPage.Notice(DashboardTexts.ConfirmTitle, DashboardTexts.ConfirmText, $"{Path}/vao/{token}", DashboardTexts.ConfirmButton))
            : Html(DashboardPage.Notice(DashboardTexts.LinkInvalidTitle, DashboardTexts.LinkInvalid), StatusCodes.Status410Gone));
        group.MapPost("/vao/{token}", (string token, HttpContext http, DashboardSessions sessions, IOptions<DashboardOptions> options) =>
        {
            // A form on another site must not sign this browser in to someone else's session.
            if (http.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
            {
                return Html(DashboardPage.Notice(DashboardTexts.LinkInvalidTitle, DashboardTexts.LinkInvalid), StatusCodes.Status403Forbidden);
            }

            if (sessions.Redeem(token) is not { } session)
            {
                return Html(DashboardPage.Notice(DashboardTexts.LinkInvalidTitle, DashboardTexts.LinkInvalid), StatusCodes.Status410Gone);
            }

            http.Response.Cookies.Append(Cookie, session, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = Path,
                MaxAge = options.Value.SessionLifetime,
            });
            return Results.Redirect(Path, permanent: false, preserveMethod: false);
        });
        group.MapGet("", PageAsync);
        group.MapGet("/tai/{file}", DownloadAsync);
        group.MapGet("/bieudo/{chart}/{file}", ChartAsync);
        return endpoints;
    }

    private static async Task<IResult> PageAsync(HttpContext http, string? ky, string? xa, IStatusService status, IReportingSchedule schedule,
        DashboardSessions sessions, IDirectoryService directory, CancellationToken ct)
    {
        var (caller, refusal) = await SignedInAsync(http, sessions, directory, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!TryPeriod(ky, schedule, out var period))
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, DashboardTexts.BadPeriod), StatusCodes.Status400BadRequest);
        }

        var commune = string.IsNullOrWhiteSpace(xa) ? null : xa.Trim();
        try
        {
            var current = await status.StatusAsync(caller!, period, commune, ct);
            var trend = new List<PeriodStatus>();
            if (period.Kind == PeriodKind.Monthly)
            {
                var first = period;
                for (var i = 1; i < TrendMonths; i++)
                {
                    first = first.Previous();
                }

                for (var month = first; month.CompareTo(period) < 0; month = month.Next())
                {
                    trend.Add(await status.StatusAsync(caller!, month, commune, ct));
                }
            }

            trend.Add(current);
            var indicators = await status.IndicatorsAsync(caller!, period, commune, ct);
            var months = new List<Period>();
            for (var (month, i) = (schedule.CurrentPeriod(PeriodKind.Monthly), 0); i < TrendMonths; month = month.Previous(), i++)
            {
                months.Add(month);
            }

            var toChase = (await status.UnitFilingsAsync(caller!, period, commune, ct: ct))
                .Where(u => !u.Submitted || u.Timeliness == Timeliness.Late).ToList();
            return Html(DashboardPage.Render(new DashboardView(period, commune, current, trend, indicators, months, toChase)));
        }
        catch (ReportingAccessDeniedException denied)
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, Conversation.Common.CommonTexts.Denied(denied)), StatusCodes.Status403Forbidden);
        }
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, string file, string? xa, IExportService export, IReportingSchedule schedule,
        DashboardSessions sessions, IDirectoryService directory, CancellationToken ct)
    {
        var (caller, refusal) = await SignedInAsync(http, sessions, directory, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var dot = file.LastIndexOf('.');
        var format = dot < 0 ? (ExportFormat?)null : file[(dot + 1)..] switch { "xlsx" => ExportFormat.Xlsx, "csv" => ExportFormat.Csv, _ => null };
        if (format is null || !TryPeriod(file[..dot], schedule, out var period))
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, DashboardTexts.BadPeriod), StatusCodes.Status400BadRequest);
        }

        try
        {
            var exported = await export.ExportPeriodAsync(caller!, period, format.Value, string.IsNullOrWhiteSpace(xa) ? null : xa.Trim(), ct);
            return Results.File(exported.Content, exported.ContentType, exported.FileName);
        }
        catch (ReportingAccessDeniedException denied)
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, Conversation.Common.CommonTexts.Denied(denied)), StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>/bieudo/{tiendo|xa|chitieu}/{period}.png[?xa=]: one chart as a PNG, in the signed-in caller's scope.</summary>
    private static async Task<IResult> ChartAsync(HttpContext http, string chart, string file, string? xa, Charts.ChartService charts,
        IReportingSchedule schedule, DashboardSessions sessions, IDirectoryService directory, CancellationToken ct)
    {
        var (caller, refusal) = await SignedInAsync(http, sessions, directory, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (Charts.ChartService.FromSlug(chart) is not { } kind)
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, DashboardTexts.BadChart), StatusCodes.Status404NotFound);
        }

        if (!file.EndsWith(".png", StringComparison.Ordinal) || !TryPeriod(file[..^4], schedule, out var period))
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, DashboardTexts.BadPeriod), StatusCodes.Status400BadRequest);
        }

        try
        {
            var image = await charts.RenderAsync(caller!, kind, period, string.IsNullOrWhiteSpace(xa) ? null : xa.Trim(), ct);
            return Results.File(image.Png, Charts.ChartImage.ContentType);
        }
        catch (ReportingAccessDeniedException denied)
        {
            return Html(DashboardPage.Notice(DashboardTexts.Title, Conversation.Common.CommonTexts.Denied(denied)), StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>The caller behind the session cookie, or the page to show instead (401 without a session, 403 without the role).</summary>
    private static async Task<(Caller? Caller, IResult? Refusal)> SignedInAsync(HttpContext http, DashboardSessions sessions,
        IDirectoryService directory, CancellationToken ct)
    {
        if (sessions.Find(http.Request.Cookies[Cookie]) is not { } identity)
        {
            return (null, Html(DashboardPage.Notice(DashboardTexts.SignInTitle, DashboardTexts.SignIn), StatusCodes.Status401Unauthorized));
        }

        var caller = await directory.WhoAmIAsync(identity.Channel, identity.UserId, ct);
        return StatusQueries.SeesStatus(caller)
            ? (caller, null)
            : (null, Html(DashboardPage.Notice(DashboardTexts.Title, DashboardTexts.NoLongerAllowed), StatusCodes.Status403Forbidden));
    }

    private static bool TryPeriod(string? key, IReportingSchedule schedule, out Period period)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            period = schedule.CurrentPeriod(PeriodKind.Monthly);
            return true;
        }

        return Period.TryParse(key.Trim(), out period);
    }

    private static IResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
}
