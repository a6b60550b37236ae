using DtsAssistant.Bot.Conversation.Privacy;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>/xoadulieu on the web chat: the session and its stored conversation go too (the next visit starts afresh).</summary>
internal sealed class WebChatDataEraser(WebSessionStore sessions) : IChannelDataEraser
{
    public Task EraseAsync(string channel, string userId, CancellationToken ct)
    {
        if (channel == WebChatEndpoints.Channel)
        {
            sessions.DeleteUser(userId);
        }
        return Task.CompletedTask;
    }
}
