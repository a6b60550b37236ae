using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DtsAssistant.Bot.Dashboard;
using DtsAssistant.Reporting.Data;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Dashboard;

/// <summary>The dashboard over HTTP on loopback: sign-in by a one-time link, expiry on the fake clock, reuse, scope, no session.</summary>
public sealed class DashboardSignInTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_link_shows_a_button_then_signs_in_with_a_strict_http_only_cookie_and_the_page_shows_the_commune_figures()
    {
        var link = await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA);
        using var http = fixture.NewClient();

        // Opening the link (as a chat app's preview does) uses nothing up.
        var confirm = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("<form method=\"post\"", await confirm.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(link)).StatusCode);

        var signIn = await http.PostAsync(link, null);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(DashboardEndpoints.Path, signIn.Headers.Location?.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("path=/bangdieukhien", cookie);
        Assert.DoesNotContain("secure", cookie); // plain HTTP on loopback; Secure is set when the request is HTTPS

        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA));
        var page = await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains(await fixture.CommuneNameAsync(DashboardFixture.CommuneA), html);
        Assert.Contains("DỮ LIỆU MẪU", html);
        var (expected, submitted, late) = await fixture.CountAsync(DashboardFixture.CommuneA, "2026-11");
        Assert.True(expected > 5 && submitted > 0, $"{submitted}/{expected}");
        Assert.Equal(expected.ToString(), Card(html, "expected"));
        Assert.Equal(submitted.ToString(), Card(html, "submitted"));
        Assert.Equal(late.ToString(), Card(html, "late"));
        Assert.Equal((expected - submitted).ToString(), Card(html, "missing"));
        Assert.Contains("Chỉ tiêu so với kế hoạch", html);
        Assert.Contains("tháng 10/2026", html); // the month before, in the trend table
        // Whom to chase: every school of the commune not filed, or filed late, is listed.
        var chase = html[html.IndexOf("id=\"chase\"", StringComparison.Ordinal)..];
        Assert.Equal(expected - submitted + late, Regex.Matches(chase, "<tr><td>").Count);
        Assert.Equal(expected - submitted, Regex.Matches(chase, "<td>(chưa nộp|đang soạn)</td>").Count);
    }

    [Fact]
    public async Task The_file_of_links_and_sessions_is_readable_by_its_owner_only()
    {
        await fixture.LinkAsync(Role.DepartmentStaff, "");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.StatePath));
        }
    }

    [Theory]
    [InlineData("/bangdieukhien")]
    [InlineData("/bangdieukhien/vao/khong-co")]
    public async Task Dashboard_responses_carry_the_protective_headers_and_their_own_policy(string path)
    {
        using var http = fixture.NewClient();
        var response = await http.SendAsync(DashboardFixture.Get(path, null));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(DashboardPage.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_used_link_cannot_be_used_again()
    {
        var link = await fixture.LinkAsync(Role.DepartmentStaff, "");
        await fixture.SignInAsync(link);
        using var http = fixture.NewClient();

        var again = await http.PostAsync(link, null);
        var shown = await http.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("đã hết hạn hoặc đã được dùng", await again.Content.ReadAsStringAsync());
        Assert.Contains("/bangdieukhien trong chat", await again.Content.ReadAsStringAsync());
        Assert.False(again.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
    }

    [Fact]
    public async Task A_link_expires_after_15_minutes_and_a_session_after_its_lifetime()
    {
        var early = await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA);
        var late = await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA);
        using var http = fixture.NewClient();

        fixture.Clock.Advance(TimeSpan.FromMinutes(14));
        var session = await fixture.SignInAsync(early);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await http.PostAsync(late, null);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("đã hết hạn hoặc đã được dùng", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session))).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromHours(4));
        var after = await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("gõ /bangdieukhien trong chat", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_commune_officer_sees_neither_the_page_nor_the_downloads_of_another_commune()
    {
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA));
        var other = await fixture.CommuneNameAsync(DashboardFixture.CommuneB);
        using var http = fixture.NewClient();

        var own = await (await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session))).Content.ReadAsStringAsync();
        var page = await http.SendAsync(DashboardFixture.Get("/bangdieukhien?xa=" + DashboardFixture.CommuneB, session));
        var file = await http.SendAsync(DashboardFixture.Get("/bangdieukhien/tai/2026-11.xlsx?xa=" + DashboardFixture.CommuneB, session));
        var ownFile = await http.SendAsync(DashboardFixture.Get("/bangdieukhien/tai/2026-11.xlsx", session));

        Assert.DoesNotContain(other, own);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Bạn không có quyền xem số liệu", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("id=\"overall\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownFile.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ownFile.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await ownFile.Content.ReadAsByteArrayAsync())[..2]));
    }

    [Fact]
    public async Task Department_staff_see_the_province_and_can_narrow_to_a_commune()
    {
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.DepartmentStaff, ""));
        using var http = fixture.NewClient();

        var province = await (await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session))).Content.ReadAsStringAsync();
        var commune = await http.SendAsync(DashboardFixture.Get("/bangdieukhien?ky=2026-10&xa=" + DashboardFixture.CommuneB, session));

        Assert.Contains("Toàn tỉnh", province);
        Assert.Contains(await fixture.CommuneNameAsync(DashboardFixture.CommuneA), province);
        Assert.Contains(await fixture.CommuneNameAsync(DashboardFixture.CommuneB), province);
        Assert.Equal(HttpStatusCode.OK, commune.StatusCode);
        var (expected, submitted, _) = await fixture.CountAsync(DashboardFixture.CommuneB, "2026-10", allUnits: true);
        var html = await commune.Content.ReadAsStringAsync();
        Assert.Equal(submitted.ToString(), Card(html, "submitted"));
        Assert.Equal(expected.ToString(), Card(html, "expected"));
    }

    [Theory]
    [InlineData("/bangdieukhien")]
    [InlineData("/bangdieukhien?ky=2026-10")]
    [InlineData("/bangdieukhien/tai/2026-11.xlsx")]
    [InlineData("/bangdieukhien/tai/2026-11.csv")]
    public async Task Nothing_under_the_dashboard_is_reachable_without_a_valid_session(string path)
    {
        using var http = fixture.NewClient();

        var none = await http.SendAsync(DashboardFixture.Get(path, session: null));
        var forged = await http.SendAsync(DashboardFixture.Get(path, session: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var text = await none.Content.ReadAsStringAsync();
        Assert.Contains("Bạn chưa đăng nhập", text);
        Assert.DoesNotContain("Đã nộp", text);
        Assert.Equal("text/html", none.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_focal_point_gets_a_refusal_in_chat_and_no_link()
    {
        var (userId, caller) = await fixture.PersonAsync(Role.FocalPoint, "MAU-TH-001-1");

        var reply = fixture.Host.Services.GetRequiredService<DashboardCommand>().Reply(caller, "telegram", userId);

        Assert.Contains("dành cho cán bộ xã/phường và cán bộ Sở", reply.Text);
        Assert.DoesNotContain("/bangdieukhien/vao/", reply.Text);
    }

    [Fact]
    public async Task The_chat_command_gives_a_commune_officer_a_working_link_and_a_focal_point_a_refusal()
    {
        var directory = fixture.Host.Services.GetRequiredService<Reporting.Directory.IDirectoryService>();
        var officer = (await directory.CreateInvitesAsync(Reporting.Directory.Caller.System("test"), DashboardFixture.CommuneA, Role.CommuneOfficer, 1))[0].Code;
        var focal = (await directory.CreateInvitesAsync(Reporting.Directory.Caller.System("test"), "MAU-TH-001-2", Role.FocalPoint, 1))[0].Code;

        await ChatAsync("web-officer-1", "/dangky " + officer);
        var reply = await ChatAsync("web-officer-1", "/bangdieukhien");
        await ChatAsync("web-focal-1", "/dangky " + focal);
        var refused = await ChatAsync("web-focal-1", "/bangdieukhien");

        Assert.Contains("một lần, trong 15 phút", reply);
        var session = await fixture.SignInAsync(DashboardFixture.LinkIn(reply));
        using var http = fixture.NewClient();
        var page = await (await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session))).Content.ReadAsStringAsync();
        Assert.Contains(await fixture.CommuneNameAsync(DashboardFixture.CommuneA), page);
        Assert.Contains("dành cho cán bộ xã/phường và cán bộ Sở", refused);
        Assert.DoesNotContain("/bangdieukhien/vao/", refused);
    }

    [Fact]
    public async Task Names_from_the_directory_are_html_encoded()
    {
        await fixture.Host.Services.GetRequiredService<Reporting.Directory.UnitImporter>().ImportRowsAsync(Reporting.Directory.Caller.System("test"),
            [new Reporting.Directory.UnitRow(2, "MAU-MN-999-1", "Trường Mầm non <script>alert(1)</script>", "MN", "Công lập", "MAU-X999", "Xã <b>Thử</b> & \"Một\"")],
            acceptValid: false, markSample: true);
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.DepartmentStaff, ""));
        using var http = fixture.NewClient();

        var html = await (await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session))).Content.ReadAsStringAsync();

        Assert.Contains("Xã &lt;b&gt;Thử&lt;/b&gt; &amp; &quot;Một&quot;", html);
        Assert.DoesNotContain("<b>Thử</b>", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task Indicators_of_a_commune_where_nobody_filed_get_no_verdict()
    {
        await fixture.Host.Services.GetRequiredService<Reporting.Directory.UnitImporter>().ImportRowsAsync(Reporting.Directory.Caller.System("test"),
            [.. Enumerable.Range(1, 4).Select(i => new Reporting.Directory.UnitRow(i + 1, $"MAU-MN-997-{i}", $"Trường Mầm non Mới {i}", "MN", "Công lập", "MAU-X997", "Xã Mới Lập"))],
            acceptValid: false, markSample: true);
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.CommuneOfficer, "MAU-X997"));
        using var http = fixture.NewClient();

        var html = await (await http.SendAsync(DashboardFixture.Get("/bangdieukhien", session))).Content.ReadAsStringAsync();
        var indicators = html[html.IndexOf("id=\"indicators\"", StringComparison.Ordinal)..];

        Assert.Contains("chưa có số liệu", indicators);
        Assert.Contains("0/4", indicators);
        Assert.DoesNotContain(">đạt<", indicators);
        Assert.DoesNotContain(">chưa đạt<", indicators);
    }

    [Fact]
    public async Task A_bad_period_gets_a_vietnamese_page()
    {
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.DepartmentStaff, ""));
        using var http = fixture.NewClient();

        var page = await http.SendAsync(DashboardFixture.Get("/bangdieukhien?ky=<script>", session));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Kỳ báo cáo không đúng", html);
        Assert.DoesNotContain("<script>", html);
    }

    /// <summary>One browser per person: the web chat knows people by its session cookie, never by a client-chosen id.</summary>
    private readonly Dictionary<string, HttpClient> _browsers = [];

    private async Task<string> ChatAsync(string person, string text)
    {
        if (!_browsers.TryGetValue(person, out var http))
        {
            http = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
            {
                BaseAddress = new Uri(fixture.Host.BaseUrl),
            };
            _browsers[person] = http;
        }
        var response = await http.PostAsJsonAsync("/api/chat", new { text });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return string.Join("\n", json.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
    }

    private static string Card(string html, string id) =>
        Regex.Match(html, $"<div class=\"card\" id=\"{id}\"><b>([^<]*)</b>") is { Success: true } m
            ? m.Groups[1].Value.Replace(".", "")
            : throw new Xunit.Sdk.XunitException($"no card {id}");
}
