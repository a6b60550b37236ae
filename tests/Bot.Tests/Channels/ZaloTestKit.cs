using System.Globalization;
using System.Net;
using System.Text;
using DtsAssistant.Bot.Channels.Zalo;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>What the Zalo tests share: the real server configured against the fake OA, signed events, and waits.</summary>
internal static class ZaloTestKit
{
    public const string AppId = "50554360515256678";
    public const string OaSecret = "oa-secret-key";

    /// <summary>The real host on loopback with Zalo pointed at <paramref name="zalo"/>; optionally on a simulated clock, with log capture.</summary>
    public static Task<ChannelTestHost> StartAsync(string folder, FakeZaloServer zalo, IConversationEngine engine,
        TimeProvider? clock = null, LogCapture? logs = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = AppId,
            ["Zalo:OaSecretKey"] = OaSecret,
            ["Zalo:AppSecretKey"] = FakeZaloServer.AppSecret,
            ["Zalo:AccessToken"] = "access-0",
            ["Zalo:RefreshToken"] = "refresh-0",
            ["Zalo:OpenApiBaseUrl"] = zalo.BaseUrl,
            ["Zalo:OAuthBaseUrl"] = zalo.BaseUrl,
            ["Logging:LogLevel:DtsAssistant.Bot.Channels.Zalo"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return ChannelTestHost.StartAsync(folder, all, engine, services =>
        {
            if (clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            }
            if (logs is not null)
            {
                services.AddLogging(b => b.AddProvider(logs));
            }
        });
    }

    public static string TextEvent(string userId, string text, string msgId, DateTimeOffset at, string appId = AppId, bool numericTimestamp = false)
    {
        var timestamp = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return "{\"event_name\":\"user_send_text\",\"app_id\":\"" + appId + "\",\"sender\":{\"id\":\"" + userId
               + "\"},\"recipient\":{\"id\":\"1646843870823903717\"},\"message\":{\"text\":" + System.Text.Json.JsonSerializer.Serialize(text)
               + ",\"msg_id\":\"" + msgId + "\"},\"timestamp\":" + (numericTimestamp ? timestamp : "\"" + timestamp + "\"")
               + ",\"user_id_by_app\":\"3611371994410983884\"}";
    }

    /// <summary>Posts the exact bytes given, signed over them unless a signature is given.</summary>
    public static async Task<HttpStatusCode> PostAsync(ChannelTestHost host, byte[] body, string? signature = null, string? signAppId = null)
    {
        var timestamp = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("timestamp").ToString();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = content };
        request.Headers.Add("X-ZEvent-Signature", signature ?? ZaloSignature.Compute(signAppId ?? AppId, body, timestamp, OaSecret));
        return (await host.Http.SendAsync(request)).StatusCode;
    }

    public static Task<HttpStatusCode> PostAsync(ChannelTestHost host, string body, string? signature = null, string? signAppId = null) =>
        PostAsync(host, Encoding.UTF8.GetBytes(body), signature, signAppId);

    /// <summary>Completes when every accepted event has been handled and its replies sent (the processed count caught up).</summary>
    public static Task WhenIdleAsync(ChannelTestHost host) =>
        host.Services.GetRequiredService<ZaloChannel>().Inbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Waits until <paramref name="condition"/> holds (for state outside the fake, e.g. its refresh count).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            await Task.Delay(10);
        }
    }
}
