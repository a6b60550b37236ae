using DtsAssistant.Knowledge.Answering;

namespace DtsAssistant.Bot.Conversation;

/// <summary>One message from a person, as every channel hands it to the conversation core.</summary>
/// <param name="Channel">"console", "web", "telegram", "zalo".</param>
/// <param name="UserId">The platform's user id (stable per person and channel).</param>
/// <param name="ChatId">Where replies go (equal to UserId in private chats).</param>
/// <param name="Text">What was typed, or null.</param>
/// <param name="ButtonData">The <see cref="ReplyButton.Data"/> of a pressed button, or null.</param>
public sealed record IncomingMessage(
    string Channel,
    string UserId,
    string ChatId,
    string? Text,
    string? ButtonData = null,
    string? DisplayName = null)
{
    /// <summary>The conversation key: one per person and channel.</summary>
    public string ConversationKey => $"{Channel}:{UserId}";

    /// <summary>Written in a group (a Telegram group's chat is not the person's): replies there are read by everyone.</summary>
    public bool InGroup => ChatId != UserId;
}

/// <summary>A button offered with a reply. Pressing it sends <paramref name="Data"/> back as <see cref="IncomingMessage.ButtonData"/>.</summary>
public sealed record ReplyButton(string Label, string Data);

/// <summary>A file sent with a reply (exports).</summary>
public sealed record ReplyFile(string FileName, string ContentType, byte[] Content);

/// <summary>One reply, rendered by each channel in its own way.</summary>
public sealed record Reply(
    string Text,
    IReadOnlyList<IReadOnlyList<ReplyButton>>? Buttons = null,
    IReadOnlyList<Citation>? Citations = null,
    ReplyFile? File = null)
{
    public IReadOnlyList<IReadOnlyList<ReplyButton>> ButtonRows => Buttons ?? [];

    /// <summary>
    /// The reply asks for a number (a count, a percentage): a text-only channel must not read a typed number as the
    /// press of a numbered button.
    /// </summary>
    public bool ExpectsNumber { get; init; }
    public IReadOnlyList<Citation> CitationList => Citations ?? [];
}

/// <summary>The conversation core: the same for every channel.</summary>
public interface IConversationEngine
{
    Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken);
}
