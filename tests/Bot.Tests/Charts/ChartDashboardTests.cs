using System.Net;
using DtsAssistant.Bot.Tests.Dashboard;
using DtsAssistant.Reporting.Data;

namespace DtsAssistant.Bot.Tests.Charts;

/// <summary>The dashboard's chart images over HTTP on loopback: session required, the caller's scope, bad names refused.</summary>
public sealed class ChartDashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_chart_image_needs_a_session()
    {
        using var http = fixture.NewClient();
        var response = await http.SendAsync(DashboardFixture.Get("/bangdieukhien/bieudo/tiendo/2026-11.png", null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);

        var forged = await http.SendAsync(DashboardFixture.Get("/bangdieukhien/bieudo/tiendo/2026-11.png", "not-a-session"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_three_charts_and_each_image_is_a_png_of_the_commune()
    {
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA));
        using var http = fixture.NewClient();
        var html = await (await http.SendAsync(DashboardFixture.Get("/bangdieukhien?ky=2026-11", session))).Content.ReadAsStringAsync();
        var sources = System.Text.RegularExpressions.Regex.Matches(html, "<img class=\"chart\" src=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(
            ["tiendo", "xa", "chitieu"],
            sources.Select(s => s.Split('/')[3]).ToList());

        foreach (var source in sources)
        {
            Assert.EndsWith("/2026-11.png", source.Split('?')[0]);
            var image = await http.SendAsync(DashboardFixture.Get(source, session));
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            ChartRendererTests.AssertPng(await image.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Another_communes_chart_is_refused_and_unknown_names_are_rejected()
    {
        var session = await fixture.SignInAsync(await fixture.LinkAsync(Role.CommuneOfficer, DashboardFixture.CommuneA));
        using var http = fixture.NewClient();
        var other = await http.SendAsync(DashboardFixture.Get($"/bangdieukhien/bieudo/xa/2026-11.png?xa={DashboardFixture.CommuneB}", session));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        var unknown = await http.SendAsync(DashboardFixture.Get("/bangdieukhien/bieudo/banh/2026-11.png", session));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Không có biểu đồ này", await unknown.Content.ReadAsStringAsync());

        var badPeriod = await http.SendAsync(DashboardFixture.Get("/bangdieukhien/bieudo/tiendo/2026-13.png", session));
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }
}
