using DtsAssistant.Bot.Conversation;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// The one entry point the conversation engine calls for a free-text question: it plans the answer over the plugins
/// (deterministically, or with the model when one is configured) and renders it as a channel-neutral reply.
/// </summary>
internal sealed class FreeTextQuestions(IAssistantPlanner planner)
{
    public async Task<Reply> ReplyAsync(AssistantCaller caller, string question, CancellationToken cancellationToken)
    {
        var planned = await planner.AnswerAsync(new AssistantQuestion(caller, question), cancellationToken);
        return new Reply(planned.Answer.Answer, Citations: planned.Answer.Found ? planned.Answer.Citations : null);
    }

    /// <summary>For callers that know only the conversation key: an unregistered person, who may read the plan.</summary>
    public Task<Reply> ReplyAsync(string conversationKey, string question, CancellationToken cancellationToken) =>
        ReplyAsync(AssistantCaller.Anonymous(conversationKey), question, cancellationToken);
}
