using System.Net;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static DtsAssistant.Bot.Tests.Channels.ZaloTestKit;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The Zalo OA channel: signed webhooks posted to the real host, replies through a fake OA API on loopback.</summary>
public sealed class ZaloChannelTests : IAsyncLifetime
{
    private readonly string _folder = TestData.NewFolder();
    private readonly ScriptedEngine _engine = new();
    private FakeZaloServer _zalo = null!;

    public async Task InitializeAsync() => _zalo = await FakeZaloServer.StartAsync();

    public async Task DisposeAsync() => await _zalo.DisposeAsync();

    private Task<ChannelTestHost> StartHostAsync() => ZaloTestKit.StartAsync(_folder, _zalo, _engine);

    [Fact]
    public async Task A_signed_text_event_is_answered_through_the_OA_message_API()
    {
        await using var host = await StartHostAsync();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("u1", "hạn nộp báo cáo?", "m1", DateTimeOffset.UtcNow)));

        var sent = await _zalo.WaitForAsync(s => s.Count == 1);
        Assert.Equal(("u1", "Trả lời: hạn nộp báo cáo?"), (sent[0].UserId, sent[0].Text));
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
    public async Task Forged_and_foreign_events_are_rejected_and_nothing_is_processed()
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
        // A genuine follow-up in the same chat: once it is answered, anything accepted before it would have been too.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("u3", "thật", "m5", now)));
        await _zalo.WaitForReplyAsync("u3", "Trả lời: thật");
        await WhenIdleAsync(host);

        Assert.Equal(["thật"], _engine.Received.Select(m => m.Text));
        Assert.Single(_zalo.Sent);
        Assert.Empty(host.Services.GetRequiredService<ChannelStateStore>().PendingInbox("zalo"));
    }

    [Fact]
    public async Task An_event_delivered_twice_with_the_same_msg_id_is_handled_once()
    {
        await using var host = await StartHostAsync();
        var body = TextEvent("u4", "một lần", "m6", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, body));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, body));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("u4", "câu sau", "m6b", DateTimeOffset.UtcNow)));
        await _zalo.WaitForReplyAsync("u4", "Trả lời: câu sau");
        await WhenIdleAsync(host);

        Assert.Equal(["một lần", "câu sau"], _engine.Received.Select(m => m.Text));
        Assert.Equal(2, _zalo.Sent.Count);
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

    [Fact]
    public async Task The_home_page_carries_the_Zalo_domain_verification_tag_when_configured()
    {
        await using (var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine,
                         settings: new Dictionary<string, string?> { ["Zalo:SiteVerification"] = "Abc123_\"x" }))
        {
            var page = await host.Http.GetStringAsync("/");
            Assert.Contains("<meta name=\"zalo-platform-site-verification\" content=\"Abc123_&quot;x\" />", page);
            Assert.Contains("</html>", page);
        }
        await using (var host = await StartHostAsync())
        {
            Assert.DoesNotContain("zalo-platform-site-verification", await host.Http.GetStringAsync("/"));
        }
    }
}
