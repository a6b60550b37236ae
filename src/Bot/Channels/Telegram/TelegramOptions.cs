namespace DtsAssistant.Bot.Channels.Telegram;

/// <summary>Settings of the Telegram channel (section "Telegram"); the channel runs only when a bot token is set.</summary>
internal sealed class TelegramOptions
{
    public string? BotToken { get; set; }

    /// <summary>Bot API server, e.g. a local telegram-bot-api or a test fake; only scheme and authority are used.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>When set, the bot uses a webhook at this public HTTPS URL instead of long polling.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; generated and kept in the state file when empty.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The local path the webhook listens on.</summary>
    public string WebhookPath { get; set; } = "/telegram/webhook";

    public int PollTimeoutSeconds { get; set; } = 25;

    public double PerChatPerSecond { get; set; } = 1;

    public int PerChatBurst { get; set; } = 3;

    public double BulkPerSecond { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
