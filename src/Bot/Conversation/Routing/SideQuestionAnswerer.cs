using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Status;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// Status and export questions go to the reporting queries (role-checked there), everything else through the planner
/// (deterministic by default, the language model when one is configured) over the same capability functions.
/// </summary>
internal sealed class SideQuestionAnswerer(StatusQueries status, FreeTextQuestions freeText) : ISideQuestions
{
    public async Task<Reply> AnswerAsync(Caller caller, string text, CancellationToken ct) =>
        IntentDetector.Detect(text) switch
        {
            Intent.Status => await status.AnswerAsync(caller, text, ct).ConfigureAwait(false),
            Intent.Export => await status.ExportAsync(caller, text, ct).ConfigureAwait(false),
            _ => await freeText.ReplyAsync(caller, text, ct).ConfigureAwait(false),
        };
}
