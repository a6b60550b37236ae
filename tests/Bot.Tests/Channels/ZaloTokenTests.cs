using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Cli;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DtsAssistant.Bot.Tests.Channels.ZaloTestKit;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The OA token pair against the fake's token endpoint: expiry, refresh at start and in the background, new configured pairs.</summary>
public sealed class ZaloTokenTests : IAsyncLifetime
{
    private readonly string _folder = TestData.NewFolder();
    private readonly ScriptedEngine _engine = new();
    private FakeZaloServer _zalo = null!;

    public async Task InitializeAsync() => _zalo = await FakeZaloServer.StartAsync();

    public async Task DisposeAsync() => await _zalo.DisposeAsync();

    private Dictionary<string, string?> Pair(string access, string refresh) =>
        new() { ["Zalo:AccessToken"] = access, ["Zalo:RefreshToken"] = refresh };

    [Fact]
    public async Task The_pair_is_refreshed_at_start_and_again_shortly_before_it_expires_on_the_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, clock);

        // At start: the configured pair's expiry is unknown, so it is refreshed at once.
        await UntilAsync(() => _zalo.Refreshes == 1, "the refresh at start");
        var store = host.Services.GetRequiredService<ChannelStateStore>();
        await UntilAsync(() => store.Get(ZaloTokens.AccessKey) == "access-1", "the stored pair");
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(store.Get(ZaloTokens.ExpiresKey)!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(clock.GetUtcNow().AddSeconds(90_000).ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds());

        // A day later (15 minutes before expiry) the token is still used as it is.
        clock.Advance(TimeSpan.FromSeconds(90_000) - TimeSpan.FromMinutes(15));
        await PostAsync(host, TextEvent("t1", "còn hạn", "k1", clock.GetUtcNow()));
        Assert.Equal("access-1", (await _zalo.WaitForReplyAsync("t1", "còn hạn"))[0].AccessToken);
        Assert.Equal(1, _zalo.Refreshes);

        // Ten minutes before expiry the background refresh runs, without any message to send.
        clock.Advance(TimeSpan.FromMinutes(5));
        await UntilAsync(() => _zalo.Refreshes == 2, "the background refresh");
        await UntilAsync(() => store.Get(ZaloTokens.AccessKey) == "access-2", "the new stored pair");
        await PostAsync(host, TextEvent("t1", "sau khi làm mới", "k2", clock.GetUtcNow()));
        var sent = await _zalo.WaitForReplyAsync("t1", "sau khi làm mới");
        Assert.Equal("access-2", sent[^1].AccessToken);
    }

    [Fact]
    public async Task An_expired_token_answered_with_minus_220_is_refreshed_and_the_message_still_arrives()
    {
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine);
        await UntilAsync(() => _zalo.Refreshes == 1, "the refresh at start");
        await PostAsync(host, TextEvent("t2", "trước", "k3", DateTimeOffset.UtcNow));
        await _zalo.WaitForReplyAsync("t2", "trước");

        // Zalo ended the token early (the OA re-authorised elsewhere, or the 25 hours ran out while the clock said otherwise).
        _zalo.ExpireAccessToken();
        await PostAsync(host, TextEvent("t2", "sau", "k4", DateTimeOffset.UtcNow));

        var sent = await _zalo.WaitForReplyAsync("t2", "Trả lời: sau");
        Assert.Equal("access-2", sent[^1].AccessToken);
        Assert.Equal(2, _zalo.Refreshes);
        Assert.Equal(2, _zalo.Sent.Count);
    }

    [Fact]
    public async Task A_garbled_token_answered_with_minus_216_is_refreshed_once_and_the_call_retried_once()
    {
        // The client alone (real HttpClient against the fake), so nothing refreshes at start first.
        using var store = new ChannelStateStore(Path.Combine(_folder, "channels.db"), TimeProvider.System);
        var options = Microsoft.Extensions.Options.Options.Create(new ZaloOptions
        {
            AppId = AppId, AppSecretKey = FakeZaloServer.AppSecret, AccessToken = "garbled!", RefreshToken = "refresh-0",
            OpenApiBaseUrl = _zalo.BaseUrl, OAuthBaseUrl = _zalo.BaseUrl,
        });
        using var http = new HttpClient();
        var tokens = new ZaloTokens(http, options, store, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ZaloTokens>.Instance);
        var client = new ZaloClient(http, tokens, options);

        await client.SendTextAsync("t3", "xin chào", CancellationToken.None);

        Assert.Equal(new ZaloSent("t3", "xin chào", "access-1"), Assert.Single(_zalo.Sent));
        Assert.Equal((1, 2), (_zalo.Refreshes, _zalo.MessageCalls));

        // A second rejection right after a refresh is a real error, not a loop of refreshes.
        _zalo.ExpireAccessToken();
        store.Set((ZaloTokens.RefreshKey, "refresh-spent"));
        var error = await Assert.ThrowsAsync<ZaloApiException>(() => client.SendTextAsync("t3", "lần hai", CancellationToken.None));
        Assert.Equal(-14020, error.Error);
        Assert.Equal(1, _zalo.Refreshes);
    }

    [Fact]
    public async Task The_stored_pair_survives_a_restart_and_a_changed_configured_pair_replaces_it()
    {
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine))
        {
            await UntilAsync(() => _zalo.Refreshes == 1, "the refresh at start");
            await PostAsync(host, TextEvent("t4", "một", "k6", DateTimeOffset.UtcNow));
            Assert.Equal("access-1", (await _zalo.WaitForReplyAsync("t4", "một"))[^1].AccessToken);
        }
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine))
        {
            // Same settings: the configured refresh-0 is spent; the stored pair (valid for 25 hours) is used as it is.
            await PostAsync(host, TextEvent("t4", "hai", "k7", DateTimeOffset.UtcNow));
            Assert.Equal("access-1", (await _zalo.WaitForReplyAsync("t4", "hai"))[^1].AccessToken);
            Assert.Equal(1, _zalo.Refreshes);
        }

        // The operator authorised the OA again and configured the new pair: it wins over the stored one.
        var issued = await IssueNewPairAsync();
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, settings: Pair(issued.Access, issued.Refresh)))
        {
            await UntilAsync(() => _zalo.Refreshes == 3, "the refresh of the new pair at start");
            await PostAsync(host, TextEvent("t4", "ba", "k8", DateTimeOffset.UtcNow));
            Assert.Equal("access-3", (await _zalo.WaitForReplyAsync("t4", "ba"))[^1].AccessToken);
        }
    }

    [Fact]
    public async Task The_CLI_reset_forgets_the_stored_pair_so_the_configured_one_is_loaded_again()
    {
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine))
        {
            await UntilAsync(() => _zalo.Refreshes == 1, "the refresh at start");
        }
        var statePath = Path.Combine(_folder, "channels.db");
        var output = new StringWriter();

        Assert.Equal(0, ChannelsCommand.Zalo(["tokens", "reset", "--yes"], statePath, output));
        Assert.Contains("Đã xóa", output.ToString());

        using var store = new ChannelStateStore(statePath, TimeProvider.System);
        Assert.All(ZaloTokens.Keys, key => Assert.Null(store.Get(key)));
        Assert.Equal(2, ChannelsCommand.Zalo(["tokens", "reset"], statePath, new StringWriter()));
    }

    /// <summary>What re-authorising the OA gives: a fresh pair from the token endpoint, outside the bot.</summary>
    private async Task<(string Access, string Refresh)> IssueNewPairAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _zalo.BaseUrl + "/v4/oa/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["refresh_token"] = _zalo.CurrentRefreshToken, ["app_id"] = AppId, ["grant_type"] = "refresh_token",
            }),
        };
        request.Headers.Add("secret_key", FakeZaloServer.AppSecret);
        var node = System.Text.Json.Nodes.JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        return (node["access_token"]!.ToString(), node["refresh_token"]!.ToString());
    }
}
