using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.Time.Testing;
using static DtsAssistant.Bot.Tests.Channels.ZaloTestKit;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The webhook as Zalo really calls it: resent events, old events, the first live test's log-only mode, Vietnamese bodies.</summary>
public sealed class ZaloWebhookTests : IAsyncLifetime
{
    private readonly string _folder = TestData.NewFolder();
    private readonly ScriptedEngine _engine = new();
    private readonly LogCapture _logs = new("DtsAssistant.Bot.Channels.Zalo");
    private FakeZaloServer _zalo = null!;

    public async Task InitializeAsync() => _zalo = await FakeZaloServer.StartAsync();

    public async Task DisposeAsync() => await _zalo.DisposeAsync();

    [Fact]
    public async Task An_event_resent_an_hour_later_with_its_original_timestamp_is_accepted_and_handled_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, clock, _logs);
        var sentAt = clock.GetUtcNow();

        // Our server was down: the first delivery never arrived, Zalo's retry an hour later does.
        clock.Advance(TimeSpan.FromHours(1));
        var late = TextEvent("w1", "gửi lúc mất mạng", "r1", sentAt);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, late));
        await _zalo.WaitForReplyAsync("w1", "gửi lúc mất mạng");

        // The answer to the first attempt was lost on the way back, so Zalo resends the same event again.
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, late));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("w1", "câu tiếp", "r2", clock.GetUtcNow())));
        await _zalo.WaitForReplyAsync("w1", "câu tiếp");
        await WhenIdleAsync(host);

        Assert.Equal(["gửi lúc mất mạng", "câu tiếp"], _engine.Received.Select(m => m.Text));
        Assert.Contains(_logs.Lines, l => l.Contains("Ignored a repeated Zalo event r1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_older_than_the_accepted_age_gets_200_and_a_log_line_but_is_not_handled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, clock, _logs);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("w2", "quá cũ", "r3", clock.GetUtcNow().AddHours(-7))));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("w2", "từ tương lai", "r4", clock.GetUtcNow().AddHours(7))));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, TextEvent("w2", "mới", "r5", clock.GetUtcNow())));
        await _zalo.WaitForReplyAsync("w2", "mới");
        await WhenIdleAsync(host);

        Assert.Equal(["mới"], _engine.Received.Select(m => m.Text));
        Assert.Equal(2, _logs.Lines.Count(l => l.Contains("Ignored a Zalo event outside the accepted age", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task In_log_only_mode_a_wrong_signature_is_logged_with_both_prefixes_and_the_event_still_handled()
    {
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine, logs: _logs,
            settings: new Dictionary<string, string?> { ["Zalo:SignatureLogOnly"] = "true" });
        var body = TextEvent("w3", "thử trực tiếp", "r6", DateTimeOffset.UtcNow);
        var timestamp = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("timestamp").GetString()!;
        var expected = Sha256Hex(AppId, Encoding.UTF8.GetBytes(body), timestamp, OaSecret);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, body, signature: "mac=DEADBEEF0123456789"));

        await _zalo.WaitForReplyAsync("w3", "thử trực tiếp");
        var line = Assert.Single(_logs.Lines, l => l.Contains("signature mismatch", StringComparison.Ordinal));
        Assert.Contains($"expected {expected[..8]}…", line);
        Assert.Contains("received deadbeef…", line);
        Assert.DoesNotContain(expected[..9], line);
        Assert.Contains(_logs.Lines, l => l.Contains("signature check is in log-only mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_signature_of_a_Vietnamese_event_is_checked_over_the_raw_bytes_as_Zalo_sent_them()
    {
        await using var host = await ZaloTestKit.StartAsync(_folder, _zalo, _engine);
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        // As Zalo's servers format it: spaces after colons, the text in precomposed (NFC) and one word in decomposed (NFD) form.
        var text = "Hạn nộp báo cáo chuyển đổi số tháng 11 của Trường Mầm non Hoa Sen, xã Gia Viễn là ngày nào ạ? "
                   + "Tiếng Việt".Normalize(NormalizationForm.FormD);
        var body = Encoding.UTF8.GetBytes($$"""
            { "event_name": "user_send_text", "app_id": "{{AppId}}", "sender": { "id": "w4" },
              "recipient": { "id": "1646843870823903717" },
              "message": { "text": "{{text}}", "msg_id": "a1b2c3d4e5f6" },
              "timestamp": "{{at}}", "user_id_by_app": "3611371994410983884" }
            """);
        var signature = "mac=" + Sha256Hex(AppId, body, at, OaSecret);

        // The same event re-serialised (escaped, compacted, normalised) hashes differently: only the raw bytes verify.
        var reserialised = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(body)!.ToJsonString());
        Assert.NotEqual(signature, "mac=" + Sha256Hex(AppId, reserialised, at, OaSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, reserialised, signature));
        var normalised = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Normalize(NormalizationForm.FormC));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(host, normalised, signature));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(host, body, signature));
        await _zalo.WaitForReplyAsync("w4", "Trả lời: Hạn nộp");
        Assert.Equal(text, Assert.Single(_engine.Received).Text);
    }

    /// <summary>Zalo's formula written out independently of the code under test: SHA-256 over app id + body bytes + timestamp + OA secret.</summary>
    private static string Sha256Hex(string appId, byte[] body, string timestamp, string secret) =>
        Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(appId), .. body, .. Encoding.UTF8.GetBytes(timestamp + secret)]));
}
