namespace DtsAssistant.Bot.Orchestration;

/// <summary>What a caller may see, as the functions check it. Mirrors the roles of the domain (domain.md).</summary>
internal enum CallerRole
{
    /// <summary>Anyone, registered or not: may ask about the plan.</summary>
    Staff,
    FocalPoint,
    CommuneOfficer,
    DepartmentStaff,
    Admin,
}

/// <summary>Who is asking, as bound by an invite code; unregistered people are <see cref="CallerRole.Staff"/> with no scope.</summary>
/// <param name="ConversationKey">"channel:user": keys the short chat history.</param>
/// <param name="Scope">The unit (focal point) or commune (commune officer) the role is limited to; null for province-wide roles.</param>
internal sealed record AssistantCaller(string ConversationKey, CallerRole Role = CallerRole.Staff, string? Scope = null)
{
    public static AssistantCaller Anonymous(string conversationKey) => new(conversationKey);
}

/// <summary>One free-text question in one turn.</summary>
internal sealed record AssistantQuestion(AssistantCaller Caller, string Text);
