namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>One accepted message as handlers see it: who sent it, and either the text or the pressed button's data.</summary>
internal sealed record Turn(IncomingMessage Message, string? Text, string? ButtonData)
{
    public string Channel => Message.Channel;

    public string UserId => Message.UserId;

    public string ConversationKey => Message.ConversationKey;

    public bool InGroup => Message.InGroup;

    /// <summary>What the person said: the text, or the button data when a button was pressed.</summary>
    public string Input => Text ?? ButtonData ?? string.Empty;
}
