using DtsAssistant.Bot.Tests.Channels;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DtsAssistant.Bot.Tests.Dashboard;

/// <summary>The whole way in Debian's Chromium: register in the web chat, ask /bangdieukhien, open the link, see the figures.</summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [ChromiumFact]
    public async Task A_commune_officer_signs_in_by_the_chat_link_and_sees_the_figures_and_a_used_link_is_refused()
    {
        var invite = (await fixture.Host.Services.GetRequiredService<IDirectoryService>()
            .CreateInvitesAsync(Caller.System("test"), DashboardFixture.CommuneA, Role.CommuneOfficer, 1))[0].Code;
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.OpenPhonePageAsync(fixture.Host.BaseUrl);

        await SendAsync(page, "/dangky " + invite);
        await SendAsync(page, "/bangdieukhien");
        var link = DashboardFixture.LinkIn(await page.Locator(".msg.bot").Last.InnerTextAsync());

        await page.GotoAsync(link);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(fixture.Host.BaseUrl.TrimEnd('/') + "/bangdieukhien");
        var (expected, submitted, _) = await fixture.CountAsync(DashboardFixture.CommuneA, "2026-11");
        Assert.Contains(await fixture.CommuneNameAsync(DashboardFixture.CommuneA), await page.InnerTextAsync("#scope"));
        Assert.Equal(submitted.ToString(), (await page.InnerTextAsync("#submitted b")).Replace(".", ""));
        Assert.Equal(expected.ToString(), (await page.InnerTextAsync("#expected b")).Replace(".", ""));
        Assert.True(await page.Locator("#indicators tr").CountAsync() > 1, "no indicator rows");
        // The session cookie is not readable from script, and the downloads work in the same session.
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#xlsx"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);

        // The link was used: opening it again in a new browser context gets the Vietnamese notice.
        var other = await chromium.Browser.NewPageAsync();
        var response = await other.GotoAsync(link);
        Assert.Equal(410, response!.Status);
        Assert.Contains("gõ /bangdieukhien trong chat", await other.InnerTextAsync("body"));
        // And without the cookie the dashboard shows nothing.
        await other.GotoAsync(fixture.Host.BaseUrl.TrimEnd('/') + "/bangdieukhien");
        Assert.Equal(0, await other.Locator("#overall").CountAsync());
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var before = await page.Locator(".msg.bot").CountAsync();
        await page.FillAsync("#text", text);
        await page.ClickAsync("#send");
        // Locators, not script predicates: the page's Content-Security-Policy forbids evaluating strings.
        await page.Locator(".msg.bot").Nth(before).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("#send:enabled").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
    }
}
