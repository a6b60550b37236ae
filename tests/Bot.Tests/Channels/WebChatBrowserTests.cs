using Microsoft.Playwright;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>Runs only where a Chromium is given (DTS_TEST_CHROMIUM); skipped visibly otherwise, unless services are required.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DTS_TEST_CHROMIUM"))
            && Environment.GetEnvironmentVariable("DTS_TEST_REQUIRE_SERVICES") != "1")
        {
            Skip = "DTS_TEST_CHROMIUM is not set (e.g. /usr/bin/chromium): the browser test is skipped.";
        }
    }
}

/// <summary>The web chat in a real headless Chromium on a phone-sized screen, against the real core.</summary>
public sealed class WebChatBrowserTests(RealCoreFixture fixture) : IClassFixture<RealCoreFixture>
{
    [ChromiumFact]
    public async Task A_person_asks_a_question_sees_the_cited_answer_and_files_a_report_with_buttons()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.OpenPhonePageAsync(fixture.Host.BaseUrl);

        await SendAsync(page, "Hạn nộp báo cáo tháng về chuyển đổi số là khi nào?");
        var answer = page.Locator(".msg.bot").Last;
        Assert.True(await answer.Locator(".citation").CountAsync() >= 1, "the answer shows no citation");
        Assert.Contains("20", await answer.InnerTextAsync());

        await SendAsync(page, "/dangky " + await fixture.FocalPointInviteAsync(school: 2));
        await SendAsync(page, "/baocao");
        var clicks = 0;
        for (var step = 0; step < 60; step++)
        {
            var last = page.Locator(".msg.bot").Last;
            if ((await last.InnerTextAsync()).Contains("Đã nhận báo cáo", StringComparison.Ordinal))
            {
                break;
            }
            var labels = await last.Locator(".buttons button").AllInnerTextsAsync();
            var (button, text) = RealCoreChannelTests.NextFilingStep(labels.Select(l => (l, l)).ToList());
            if (button is null)
            {
                await SendAsync(page, text!);
                continue;
            }
            var before = await page.Locator(".msg.bot").CountAsync();
            await last.Locator(".buttons button", new LocatorLocatorOptions { HasTextString = button }).First.ClickAsync();
            clicks++;
            await WaitForBotMessagesAsync(page, before);
        }

        Assert.Contains("Đã nhận báo cáo", await page.Locator(".msg.bot").Last.InnerTextAsync());
        Assert.True(clicks >= 5, $"only {clicks} buttons clicked");
        // A reload shows the same conversation, from the server's session (the cookie is out of the page's reach).
        var shown = await page.Locator(".msg").CountAsync();
        await page.ReloadAsync();
        await page.Locator(".msg").Nth(shown - 1).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal(shown, await page.Locator(".msg").CountAsync());
        Assert.Contains("Đã nhận báo cáo", await page.Locator(".msg.bot").Last.InnerTextAsync());
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "dts_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Empty(await page.Locator(".msg.bot").Nth(1).Locator(".buttons button:enabled").AllAsync());
    }

    [ChromiumFact]
    public async Task A_commune_officer_asks_for_a_chart_and_sees_the_picture_above_its_download_link()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.OpenPhonePageAsync(fixture.Host.BaseUrl);

        await SendAsync(page, "/dangky " + await fixture.CommuneOfficerInviteAsync());
        await SendAsync(page, "cho tôi biểu đồ tiến độ nộp báo cáo");

        var file = page.Locator(".msg.bot").Last.Locator(".file");
        var picture = file.Locator("img.chart");
        var link = file.Locator("a[download]");
        Assert.Equal(1, await picture.CountAsync());
        // Loaded, not merely placed: a picture the page could not fetch or decode has no natural width.
        var width = await picture.EvaluateAsync<int>(
            "img => img.complete ? img.naturalWidth : new Promise(done => { img.addEventListener('load', () => done(img.naturalWidth)); img.addEventListener('error', () => done(0)); })");
        Assert.True(width > 0, "the chart picture did not load");
        // The picture comes first, then the link to the same file, which downloads the PNG.
        Assert.Equal(await picture.GetAttributeAsync("src"), await link.GetAttributeAsync("href"));
        Assert.True(await file.Locator("img.chart ~ a[download]").CountAsync() == 1, "the download link is not below the picture");
        Assert.StartsWith("⬇ Tải bieudo-tiendo-", await link.InnerTextAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.StartsWith("bieudo-tiendo-", download.SuggestedFilename);
        Assert.EndsWith(".png", download.SuggestedFilename);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var before = await page.Locator(".msg.bot").CountAsync();
        await page.FillAsync("#text", text);
        await page.ClickAsync("#send");
        await WaitForBotMessagesAsync(page, before);
    }

    private static async Task WaitForBotMessagesAsync(IPage page, int before)
    {
        // Locators, not script predicates: the page's Content-Security-Policy forbids evaluating strings.
        await page.Locator(".msg.bot").Nth(before).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        // Enabled again once the whole answer has arrived.
        await page.Locator("#send:enabled").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
    }
}
