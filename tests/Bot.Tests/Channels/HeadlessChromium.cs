using Microsoft.Playwright;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>Debian's Chromium (DTS_TEST_CHROMIUM) driven by Playwright, headless, for the browser tests.</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("DTS_TEST_CHROMIUM");
        Assert.False(string.IsNullOrWhiteSpace(chromium), "DTS_TEST_REQUIRE_SERVICES=1 but DTS_TEST_CHROMIUM is not set");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = Args });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>A new page the size of a phone screen, opened at the address.</summary>
    public async Task<IPage> OpenPhonePageAsync(string url)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.GotoAsync(url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
