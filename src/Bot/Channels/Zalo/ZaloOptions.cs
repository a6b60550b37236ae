namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>Settings of the Zalo OA channel (section "Zalo"); it runs only when the app, the webhook key and a token are set.</summary>
internal sealed class ZaloOptions
{
    public string? AppId { get; set; }

    /// <summary>The OA secret key from the webhook settings page: it signs webhook events.</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>The app's secret key: sent with token refresh requests.</summary>
    public string? AppSecretKey { get; set; }

    /// <summary>
    /// Access token from the OA authorisation. Loaded into the state file at the first start and whenever the configured
    /// pair changes (after re-authorising the OA); otherwise the stored, refreshed pair is used.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>Refresh token (single-use, about 3 months) that goes with <see cref="AccessToken"/>.</summary>
    public string? RefreshToken { get; set; }

    public string OpenApiBaseUrl { get; set; } = "https://openapi.zalo.me";

    public string OAuthBaseUrl { get; set; } = "https://oauth.zaloapp.com";

    public string WebhookPath { get; set; } = "/zalo/webhook";

    /// <summary>
    /// Events older (or further in the future) than this are acknowledged and logged but not handled. Zalo resends an
    /// undelivered event for up to an hour with its original timestamp, so this is hours, not minutes; msg_id
    /// de-duplication stops replays within it.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// First live test: a webhook call with a wrong signature is logged (with the first characters of the expected and
    /// the received value) and still accepted. Off by default; never leave it on.
    /// </summary>
    public bool SignatureLogOnly { get; set; }

    /// <summary>The access token is refreshed in the background this long before it expires.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a chat waits after Zalo answered -32 (over the rate limit) before the message is retried.</summary>
    public TimeSpan RateLimitRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All calls to the OA API together (messages and uploads); Zalo states 4,000 requests a minute.</summary>
    public int MaxRequestsPerMinute { get; set; } = 4_000;

    /// <summary>File types Zalo's upload/file takes (PDF, DOC, DOCX, at most 5 MB); other files go as a download link.</summary>
    public string[] UploadFileTypes { get; set; } = [".pdf", ".doc", ".docx"];

    /// <summary>
    /// The content of Zalo's domain verification meta tag (<c>zalo-platform-site-verification</c>); when set, the web
    /// chat page at <c>/</c> carries it, so the webhook's domain can be verified in the Zalo developer console.
    /// </summary>
    public string? SiteVerification { get; set; }

    public double PerChatPerSecond { get; set; } = 1;

    public int PerChatBurst { get; set; } = 3;

    public double BulkPerSecond { get; set; } = 8;

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(OaSecretKey)
                           && (!string.IsNullOrWhiteSpace(AccessToken) || !string.IsNullOrWhiteSpace(RefreshToken));
}
