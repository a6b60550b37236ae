using DtsAssistant.Bot.Conversation;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// The one entry point the conversation engine calls for a free-text question: it plans the answer over the plugins
/// (deterministically, or with the model when one is configured) and renders it as a channel-neutral reply.
/// </summary>
internal sealed class FreeTextQuestions(IAssistantPlanner planner)
{
    public async Task<Reply> ReplyAsync(Caller caller, string question, CancellationToken cancellationToken)
    {
        var planned = await planner.AnswerAsync(new AssistantQuestion(caller, question), cancellationToken);
        return new Reply(planned.Answer.Answer, Citations: planned.Answer.Found ? planned.Answer.Citations : null);
    }
}
