namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>Settings of the Zalo OA channel (section "Zalo"); it runs only when the app, the webhook key and a token are set.</summary>
internal sealed class ZaloOptions
{
    public string? AppId { get; set; }

    /// <summary>The OA secret key from the webhook settings page: it signs webhook events.</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>The app's secret key: sent with token refresh requests.</summary>
    public string? AppSecretKey { get; set; }

    /// <summary>First access token; after the first refresh the state file holds the current pair.</summary>
    public string? AccessToken { get; set; }

    /// <summary>First refresh token (single-use); after the first refresh the state file holds the current one.</summary>
    public string? RefreshToken { get; set; }

    public string OpenApiBaseUrl { get; set; } = "https://openapi.zalo.me";

    public string OAuthBaseUrl { get; set; } = "https://oauth.zaloapp.com";

    public string WebhookPath { get; set; } = "/zalo/webhook";

    /// <summary>Events older (or further in the future) than this are replays and are refused.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromMinutes(10);

    public double PerChatPerSecond { get; set; } = 1;

    public int PerChatBurst { get; set; } = 3;

    public double BulkPerSecond { get; set; } = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(OaSecretKey)
                           && (!string.IsNullOrWhiteSpace(AccessToken) || !string.IsNullOrWhiteSpace(RefreshToken));
}
