using System.Net;
using System.Text;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The Zalo OA channel: signed webhooks posted to the real host, replies through a fake OA API on loopback.</summary>
public sealed class ZaloChannelTests : IAsyncLifetime
{
    private const string AppId = "50554360515256678";
    private const string OaSecret = "oa-secret-key";
    private readonly string _folder = TestData.NewFolder();
    private readonly ScriptedEngine _engine = new();
    private FakeZaloServer _zalo = null!;

    public async Task InitializeAsync() => _zalo = await FakeZaloServer.StartAsync();

    public async Task DisposeAsync() => await _zalo.DisposeAsync();

    private Task<ChannelTestHost> StartHostAsync() => ChannelTestHost.StartAsync(_folder, new Dictionary<string, string?>
    {
        ["Zalo:AppId"] = AppId,
        ["Zalo:OaSecretKey"] = OaSecret,
        ["Zalo:AppSecretKey"] = "app-secret",
        ["Zalo:AccessToken"] = "access-0",
        ["Zalo:RefreshToken"] = "refresh-0",
        ["Zalo:OpenApiBaseUrl"] = _zalo.BaseUrl,
        ["Zalo:OAuthBaseUrl"] = _zalo.BaseUrl,
    }, _engine);

    private static string TextEvent(string userId, string text, string msgId, DateTimeOffset at, string appId = AppId, bool numericTimestamp = false)
    {
        var timestamp = at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "{\"event_name\":\"user_send_text\",\"app_id\":\"" + appId + "\",\"sender\":{\"id\":\"" + userId
               + "\"},\"recipient\":{\"id\":\"1646843870823903717\"},\"message\":{\"text\":" + System.Text.Json.JsonSerializer.Serialize(text)
               + ",\"msg_id\":\"" + msgId + "\"},\"timestamp\":" + (numericTimestamp ? timestamp : "\"" + timestamp + "\"")
               + ",\"user_id_by_app\":\"3611371994410983884\"}";
    }

    private static async Task<HttpStatusCode> PostAsync(ChannelTestHost host, string body, string? signature = null, string? signAppId = null)
    {
        var timestamp = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("timestamp").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ZEvent-Signature", signature ?? ZaloSignature.Compute(signAppId ?? AppId, body, timestamp, OaSecret));
        return (await host.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_signed_text_event_is_answered_through_the_OA_message_API()
    {
        await using var host = await StartHostAsync();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("u1", "hạn nộp báo cáo?", "m1", DateTimeOffset.UtcNow)));

        var sent = await _zalo.WaitForAsync(s => s.Count == 1);
        Assert.Equal(new ZaloSent("u1", "Trả lời: hạn nộp báo cáo?", "access-0"), sent[0]);
        Assert.Equal("zalo", Assert.Single(_engine.Received).Channel);
    }

    [Fact]
    public async Task A_timestamp_sent_as_a_number_is_accepted_too()
    {
        await using var host = await StartHostAsync();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("u2", "xin chào", "m2", DateTimeOffset.UtcNow, numericTimestamp: true)));

        await _zalo.WaitForAsync(s => s.Count == 1);
    }

    [Fact]
    public async Task Forged_foreign_and_stale_events_are_rejected_and_nothing_is_processed()
    {
        await using var host = await StartHostAsync();
        var now = DateTimeOffset.UtcNow;

        var good = TextEvent("u3", "giả mạo", "m3", now);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, good, signature: "mac=" + new string('0', 64)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, good, signature: ""));
        // Signed for the original body, then the sender was changed in transit.
        var signature = ZaloSignature.Compute(AppId, good, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), OaSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, good.Replace("\"u3\"", "\"u9\"", StringComparison.Ordinal), signature));
        // Signed with our key but naming another app in the body.
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(host, TextEvent("u3", "app khác", "m4", now, appId: "999"), signAppId: AppId));
        // A replay of an old, validly signed event.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, TextEvent("u3", "cũ", "m5", now.AddHours(-2))));

        await Task.Delay(300);
        Assert.Empty(_engine.Received);
        Assert.Empty(_zalo.Sent);
        Assert.Empty(host.Services.GetRequiredService<ChannelStateStore>().PendingInbox("zalo"));
    }

    [Fact]
    public async Task An_event_delivered_twice_with_the_same_msg_id_is_handled_once()
    {
        await using var host = await StartHostAsync();
        var body = TextEvent("u4", "một lần", "m6", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, body));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, body));
        await _zalo.WaitForAsync(s => s.Count >= 1);
        await Task.Delay(300);

        Assert.Single(_engine.Received);
        Assert.Single(_zalo.Sent);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_once_and_the_new_single_use_pair_survives_a_restart()
    {
        await using (var host = await StartHostAsync())
        {
            _zalo.ExpireAccessToken();
            await PostAsync(host, TextEvent("u5", "câu một", "m7", DateTimeOffset.UtcNow));
            await _zalo.WaitForAsync(s => s.Count == 1);
            Assert.Equal("access-1", _zalo.Sent[0].AccessToken);
            Assert.Equal(1, _zalo.Refreshes);
        }
        await using (var host = await StartHostAsync())
        {
            // The configured refresh-0 is spent; only the stored refresh-1 still works.
            _zalo.ExpireAccessToken();
            await PostAsync(host, TextEvent("u5", "câu hai", "m8", DateTimeOffset.UtcNow));
            await _zalo.WaitForAsync(s => s.Count == 2);
        }

        Assert.Equal("access-2", _zalo.Sent[1].AccessToken);
        Assert.Equal(2, _zalo.Refreshes);
    }

    [Fact]
    public async Task A_long_reply_is_split_into_messages_of_at_most_2000_characters()
    {
        await using var host = await StartHostAsync();

        await PostAsync(host, TextEvent("u6", ScriptedEngine.LongText, "m9", DateTimeOffset.UtcNow));

        var sent = await _zalo.WaitForAsync(s => s.Any(x => x.Text.Contains("Nguồn:", StringComparison.Ordinal)));
        Assert.True(sent.Count >= 5, $"{sent.Count} messages");
        Assert.All(sent, s => Assert.InRange(s.Text.Length, 1, 2000));
        Assert.Equal(ScriptedEngine.LongReply().Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
            string.Concat(sent.Select(s => s.Text)).Split("Nguồn:")[0].Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choices_are_numbered_and_typing_a_number_presses_that_button()
    {
        await using var host = await StartHostAsync();

        await PostAsync(host, TextEvent("u7", ScriptedEngine.ChoiceText, "m10", DateTimeOffset.UtcNow));
        var sent = await _zalo.WaitForAsync(s => s.Count == 1);
        Assert.Contains("1. Có", sent[0].Text);
        Assert.Contains("2. Chưa", sent[0].Text);

        await PostAsync(host, TextEvent("u7", " 1 ", "m11", DateTimeOffset.UtcNow));
        await _zalo.WaitForAsync(s => s.Count == 2);

        var pressed = _engine.Received.Last();
        Assert.Null(pressed.Text);
        Assert.Equal(ScriptedEngine.LongButtonData, pressed.ButtonData);
        // Once answered without new buttons, a number is just text again.
        await PostAsync(host, TextEvent("u7", "2", "m12", DateTimeOffset.UtcNow));
        await _zalo.WaitForAsync(s => s.Count == 3);
        Assert.Equal("2", _engine.Received.Last().Text);
    }
}
