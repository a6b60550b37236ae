namespace DtsAssistant.Bot.Channels.Web;

/// <summary>Settings of the web chat (section "WebChat"): session lifetime and the request limits.</summary>
internal sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>Bodies above this many bytes get 413 before they are read.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>A session not used for this long is forgotten (the person registers again).</summary>
    public TimeSpan SessionIdleLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Requests to /api/chat and /api/history per client address per minute.</summary>
    public int ChatPerAddressPerMinute { get; set; } = 60;

    /// <summary>Requests to /api/chat and /api/history from all addresses together per minute.</summary>
    public int ChatGlobalPerMinute { get; set; } = 6_000;

    /// <summary>Registration attempts (/dangky, /start with a code) per client address per hour.</summary>
    public int RegistrationPerAddressPerHour { get; set; } = 20;

    /// <summary>Registration attempts from all addresses together per hour.</summary>
    public int RegistrationGlobalPerHour { get; set; } = 600;

    /// <summary>New sessions per client address per hour (each session is a new identity to the core).</summary>
    public int NewSessionsPerAddressPerHour { get; set; } = 60;
}
