using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>Checks the input, takes the current index snapshot and today's Vietnam date, and composes the answer.</summary>
internal sealed class KnowledgeAnswerer(KnowledgeIndexHolder holder, TimeProvider time) : IKnowledgeAnswerer
{
    public KnowledgeAnswer Ask(string question)
    {
        var check = InputGuard.Check(question);
        if (!check.IsValid)
        {
            return new KnowledgeAnswer(check.Problem!, false, []);
        }

        return new AnswerComposer(holder.Current, VietnamTime.Today(time)).Answer(check.Text);
    }
}
