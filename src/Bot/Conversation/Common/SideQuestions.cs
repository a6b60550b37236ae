using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Common;

/// <summary>
/// Answers a plain-words question wherever it is typed, also in the middle of a form. Filing asks through this seam so it
/// does not depend on the status queries or the router (implemented in Routing by <c>SideQuestionAnswerer</c>).
/// </summary>
internal interface ISideQuestions
{
    Task<Reply> AnswerAsync(Caller caller, string text, CancellationToken ct);
}
