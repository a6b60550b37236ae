using System.Net;
using System.Text.RegularExpressions;
using DtsAssistant.Bot.Dashboard;
using DtsAssistant.Bot.Tests.Channels;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Dashboard;

/// <summary>
/// The real server on loopback with the sample directory, two months of sample filings and a fake clock
/// (10:00 on 29 November 2026 in Vietnam: November's report is overdue). Each test registers its own people.
/// </summary>
public sealed partial class DashboardFixture : IAsyncLifetime
{
    public const string CommuneA = "MAU-X001";
    public const string CommuneB = "MAU-X002";

    private readonly string _folder = TestData.NewFolder();
    private int _people;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));

    internal ChannelTestHost Host { get; private set; } = null!;

    /// <summary>The dashboard's own SQLite file.</summary>
    public string StatePath => Path.Combine(_folder, "dashboard.db");

    public async Task InitializeAsync()
    {
        Host = await ChannelTestHost.StartAsync(_folder, new Dictionary<string, string?>
        {
            ["Dashboard:StatePath"] = StatePath,
        }, engine: null, services => services.AddSingleton<TimeProvider>(Clock));
        await ActivatorUtilities.CreateInstance<SampleFilings>(Host.Services).FillAsync(2);
    }

    /// <summary>A newly registered person with a role over a commune code, or the province for department staff.</summary>
    internal async Task<(string UserId, Caller Caller)> PersonAsync(Role role, string scope)
    {
        var userId = "dash-" + Interlocked.Increment(ref _people);
        var directory = Host.Services.GetRequiredService<IDirectoryService>();
        var invite = (await directory.CreateInvitesAsync(Caller.System("test"), scope, role, 1))[0];
        var redeemed = await directory.RedeemInviteAsync("telegram", userId, "Cán bộ " + userId, invite.Code);
        return (userId, redeemed.Caller ?? throw new InvalidOperationException(redeemed.Outcome.ToString()));
    }

    /// <summary>The link /bangdieukhien gives a person in chat (made by the same code path as the command).</summary>
    internal async Task<string> LinkAsync(Role role, string scope)
    {
        var (userId, caller) = await PersonAsync(role, scope);
        var reply = Host.Services.GetRequiredService<DashboardCommand>().Reply(caller, "telegram", userId);
        return LinkIn(reply.Text);
    }

    public static string LinkIn(string text) =>
        LinkPattern().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException("no link in: " + text);

    /// <summary>A client that follows no redirects and keeps no cookies: each test sees exactly what the server sends.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Host.BaseUrl) };

    /// <summary>Uses a link as the confirmation form does and returns the session cookie's value.</summary>
    public async Task<string> SignInAsync(string link)
    {
        using var http = NewClient();
        var response = await http.PostAsync(link, null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardEndpoints.Cookie + "=", StringComparison.Ordinal));
        return cookie.Split(';')[0][(DashboardEndpoints.Cookie.Length + 1)..];
    }

    public static HttpRequestMessage Get(string path, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session is not null)
        {
            request.Headers.Add("Cookie", $"{DashboardEndpoints.Cookie}={session}");
        }

        return request;
    }

    /// <summary>
    /// Submitted reports of the month among a commune's units, counted straight from the database: the schools that report
    /// to the commune (what its officer sees), or every unit located there (what department staff see).
    /// </summary>
    public async Task<(int Expected, int Submitted, int Late)> CountAsync(string communeCode, string periodKey, bool allUnits = false)
    {
        await using var db = await Host.Services.GetRequiredService<ReportingDatabase>().OpenAsync();
        var units = db.Units.Where(u => u.Active && (allUnits || u.ReportsTo == ReportingLine.Commune) && u.Commune!.Code == communeCode);
        var reports = db.Reports.Where(r => r.PeriodKey == periodKey && r.Status == ReportStatus.Submitted && units.Any(u => u.Id == r.UnitId));
        return (await units.CountAsync(), await reports.CountAsync(), await reports.CountAsync(r => r.Timeliness == Reporting.Schedule.Timeliness.Late));
    }

    public async Task<string> CommuneNameAsync(string code)
    {
        await using var db = await Host.Services.GetRequiredService<ReportingDatabase>().OpenAsync();
        return await db.Communes.Where(c => c.Code == code).Select(c => c.Name).SingleAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [GeneratedRegex(@"https?://\S+/bangdieukhien/vao/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
