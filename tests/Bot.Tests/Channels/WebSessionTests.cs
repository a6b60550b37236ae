using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DtsAssistant.Bot.Channels.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>Web identity over HTTP on loopback: server-side sessions, history after a reload, limits, headers.</summary>
public sealed class WebSessionTests : IAsyncLifetime
{
    private readonly ScriptedEngine _engine = new();
    private ChannelTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChannelTestHost.StartAsync(TestData.NewFolder(), new Dictionary<string, string?>
    {
        ["WebChat:RegistrationPerAddressPerHour"] = "3",
        ["WebChat:ChatPerAddressPerMinute"] = "40",
    }, _engine);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_client_chosen_user_id_is_ignored_and_each_browser_gets_its_own_identity()
    {
        using var victim = Browser();
        using var attacker = Browser();

        await PostAsync(victim, new { userId = "wVictim0001", text = "một" });
        await PostAsync(attacker, new { userId = "wVictim0001", text = "hai" });
        await PostAsync(victim, new { userId = "wSomethingElse", text = "ba" });

        var ids = _engine.Received.Select(m => m.UserId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain("wVictim0001", ids);
        Assert.Equal(ids[0], ids[2]);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Matches("^w[0-9a-f]{32}$", ids[0]);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_strict_and_a_forged_one_gets_a_new_session()
    {
        var response = await _host.Http.PostAsJsonAsync("/api/chat", new { text = "xin chào" });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));

        Assert.StartsWith("dts_session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { text = "chào" }) };
        forged.Headers.Add("Cookie", "dts_session=" + new string('A', 43));
        using var bare = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        var second = await bare.SendAsync(forged);
        second.EnsureSuccessStatusCode();
        Assert.StartsWith("dts_session=", Assert.Single(second.Headers.GetValues("Set-Cookie")));
        Assert.NotEqual(_engine.Received.First().UserId, _engine.Received.Last().UserId);
    }

    [Fact]
    public async Task Reloading_shows_this_sessions_conversation_from_the_server_and_only_its_own()
    {
        using var browser = Browser();
        using var other = Browser();
        var first = await PostAsync(browser, new { text = ScriptedEngine.ChoiceText });
        var data = first["replies"]![0]!["buttons"]![0]![0]!["data"]!.ToString();
        await PostAsync(browser, new { buttonData = data });
        await PostAsync(other, new { text = "bí mật của người khác" });

        var history = (await browser.GetFromJsonAsync<JsonObject>("/api/history"))!["entries"]!.AsArray();

        Assert.Equal(["user", "bot", "user", "bot"], history.Select(e => e!["from"]!.ToString()));
        Assert.Equal(ScriptedEngine.ChoiceText, history[0]!["text"]!.ToString());
        Assert.Equal("Có", history[1]!["reply"]!["buttons"]![0]![0]!["label"]!.ToString());
        Assert.Equal("Có", history[2]!["text"]!.ToString());
        Assert.Equal($"Đã nhận lựa chọn: {ScriptedEngine.LongButtonData}", history[3]!["reply"]!["text"]!.ToString());
        Assert.DoesNotContain("bí mật", history.ToJsonString());
        using var stranger = Browser();
        Assert.Empty((await stranger.GetFromJsonAsync<JsonObject>("/api/history"))!["entries"]!.AsArray());
    }

    [Fact]
    public async Task A_body_above_16_KB_gets_413_before_it_reaches_the_core_with_or_without_a_length()
    {
        var big = "{\"text\":\"" + new string('a', 17_000) + "\"}";
        using var browser = Browser();

        var withLength = await browser.PostAsync("/api/chat", new StringContent(big, Encoding.UTF8, "application/json"));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var withoutLength = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.Contains("quá lớn", (await withLength.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.ToString());
        Assert.Empty(_engine.Received);
    }

    [Fact]
    public async Task Registration_attempts_are_limited_per_address_even_from_fresh_sessions()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var fresh = Browser();
            var response = await fresh.PostAsJsonAsync("/api/chat", new { text = $"/dangky ABCDE-FGH{i}K" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("quá nhiều", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.ToString());
            }
        }
        using var after = Browser();
        var question = await after.PostAsJsonAsync("/api/chat", new { text = "hạn nộp báo cáo?" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, _engine.Received.Count(m => m.Text!.StartsWith("/dangky", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
    }

    [Fact]
    public async Task The_chat_api_is_limited_per_address_with_429_and_the_page_is_not()
    {
        using var browser = Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 45; i++)
        {
            statuses.Add((await browser.PostAsJsonAsync("/api/chat", new { text = $"câu {i}" })).StatusCode);
        }

        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(40, _engine.Received.Count);
    }

    [Fact]
    public async Task The_page_carries_security_headers()
    {
        var response = await _host.Http.GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Hourly_maintenance_removes_a_session_idle_past_its_lifetime_with_its_history()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero));
        var engine = new ScriptedEngine();
        await using var host = await ChannelTestHost.StartAsync(TestData.NewFolder(), new Dictionary<string, string?>
        {
            ["WebChat:SessionIdleLifetime"] = "02:00:00",
        }, engine, services => services.AddSingleton<TimeProvider>(clock));
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(host.BaseUrl),
        };
        await PostAsync(browser, new { text = "xin chào" });
        var userId = Assert.Single(engine.Received).UserId;
        var sessions = host.Services.GetRequiredService<WebSessionStore>();
        Assert.NotEmpty(sessions.History(userId));

        clock.Advance(TimeSpan.FromHours(3)); // past the idle lifetime, and the hourly maintenance is due
        for (var i = 0; i < 200 && sessions.History(userId).Count > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Empty(sessions.History(userId));
        await PostAsync(browser, new { text = "còn đó không?" });
        Assert.NotEqual(userId, engine.Received.Last().UserId);
    }

    private HttpClient Browser() => new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(_host.BaseUrl),
    };

    private static async Task<JsonObject> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/chat", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
