namespace DtsAssistant.Bot.Channels;

/// <summary>Settings shared by all channels (section "Channels").</summary>
internal sealed class ChannelOptions
{
    /// <summary>The channels' own SQLite file (polling offset, inbox, button tokens, tokens).</summary>
    public string StatePath { get; set; } = Path.Combine("data", "channels.db");

    /// <summary>How long handled update ids are kept for the duplicate filter.</summary>
    public TimeSpan DedupRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// Updates of different chats handled at the same time (one chat's updates always run in order). Small on
    /// purpose: the core writes to SQLite, and many concurrent writers only queue on its lock.
    /// </summary>
    public int MaxConcurrentUpdates { get; set; } = 4;

    /// <summary>The public address of this server (https://...), used for file links on channels without file upload.</summary>
    public string? PublicBaseUrl { get; set; }
}
