namespace DtsAssistant.Bot.Conversation.State;

/// <summary>
/// The platform's id of the update being handled (Telegram update_id, Zalo msg_id), set by the channel inbox for the
/// duration of its handler. The core records it with the update's effects (<see cref="HandledUpdates"/>); channels
/// without a redelivered id (web chat, terminal) leave it empty.
/// </summary>
internal static class Delivery
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>"channel:id" of the update this async flow is handling, or null.</summary>
    public static string? Current => Ambient.Value;

    /// <summary>Sets the id for the calling async flow (and what it awaits).</summary>
    public static void Enter(string channel, string id) => Ambient.Value = $"{channel}:{id}";
}
