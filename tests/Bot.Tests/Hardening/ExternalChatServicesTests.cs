using DtsAssistant.Bot.Orchestration;
using Microsoft.Extensions.Configuration;

namespace DtsAssistant.Bot.Tests.Hardening;

/// <summary>The start-up log names the chat platforms that receive text, not "none", and never their secrets.</summary>
public sealed class ExternalChatServicesTests
{
    private static IReadOnlyList<string> Describe(params (string Key, string Value)[] settings) =>
        ExternalServicesReport.Describe(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void Telegram_on_is_named_with_its_api_origin_and_mode_and_not_its_token()
    {
        var lines = Describe(("Telegram:BotToken", "123456:SECRET-token"));

        var line = Assert.Single(lines);
        Assert.StartsWith("Telegram Bot API: https://api.telegram.org (long polling)", line);
        Assert.DoesNotContain("SECRET", line);
        Assert.DoesNotContain(lines, l => l.Contains("none", StringComparison.Ordinal));
    }

    [Fact]
    public void A_webhook_and_a_local_api_server_are_shown_by_origin()
    {
        var line = Assert.Single(Describe(("Telegram:BotToken", "1:x"), ("Telegram:ApiBaseUrl", "http://127.0.0.1:8081/bot"),
            ("Telegram:WebhookUrl", "https://dts.example.vn/telegram/webhook?secret=abc")));

        Assert.Contains("http://127.0.0.1:8081 (webhook https://dts.example.vn)", line);
        Assert.DoesNotContain("secret=abc", line);
    }

    [Fact]
    public void Zalo_on_is_named_with_both_endpoints_and_listed_with_the_model()
    {
        var lines = Describe(("Zalo:AppId", "app"), ("Zalo:OaSecretKey", "oa-secret"), ("Zalo:AccessToken", "tok-secret"),
            ("Llm:Endpoint", "http://127.0.0.1:11434/v1"), ("Llm:Model", "m"));

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Zalo OA API: https://openapi.zalo.me and https://oauth.zaloapp.com", lines[0]);
        Assert.StartsWith("Language model:", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains("secret", StringComparison.Ordinal));
    }
}
