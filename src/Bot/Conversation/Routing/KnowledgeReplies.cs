using DtsAssistant.Knowledge.Answering;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>Turns a free question into a reply from the knowledge base: answer text plus its citations.</summary>
internal sealed class KnowledgeReplies(IServiceProvider services)
{
    public Reply Answer(string question)
    {
        // Resolved lazily so the conversation core starts even when the knowledge base is not configured.
        var answerer = services.GetService<IKnowledgeAnswerer>();
        if (answerer is null)
        {
            return new Reply("Kho tri thức chưa sẵn sàng nên mình chưa trả lời được câu hỏi này. Bạn thử lại sau nhé.");
        }

        var answer = answerer.Ask(question);
        return new Reply(answer.Answer, Citations: answer.Found ? answer.Citations : null);
    }
}
