using DtsAssistant.Bot.Conversation.Status;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// Answers a plain-words question, wherever it is typed (also in the middle of a form): status and export questions
/// from the reporting queries (role-checked there), everything else from the knowledge base.
/// </summary>
internal sealed class SideQuestions(StatusQueries status, KnowledgeReplies knowledge)
{
    public async Task<Reply> AnswerAsync(Caller caller, string text, CancellationToken ct) =>
        IntentDetector.Detect(text) switch
        {
            Intent.Status => await status.AnswerAsync(caller, text, ct).ConfigureAwait(false),
            Intent.Export => await status.ExportAsync(caller, text, ct).ConfigureAwait(false),
            _ => knowledge.Answer(text),
        };
}
