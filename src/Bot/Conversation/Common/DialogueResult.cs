using DtsAssistant.Bot.Conversation.State;

namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>The replies to one message and the conversation state to remember afterwards.</summary>
internal sealed record DialogueResult(IReadOnlyList<Reply> Replies, ConversationState State)
{
    public static DialogueResult Of(ConversationState state, params Reply[] replies) => new(replies, state);
}
