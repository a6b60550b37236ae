using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// One free-text question in one turn. The caller is the reporting directory's own <see cref="Caller"/> (roles and
/// scopes bound by invite codes), so the functions check exactly what the reporting services check; its
/// <see cref="Caller.Actor"/> ("telegram:12345") keys the conversation's short chat history.
/// </summary>
internal sealed record AssistantQuestion(Caller Caller, string Text)
{
    public string ConversationKey => Caller.Actor;
}
