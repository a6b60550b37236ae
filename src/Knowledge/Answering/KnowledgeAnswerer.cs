using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>
/// Checks the input, takes the current index snapshot and today's Vietnam date, and composes the answer (with the
/// deployment's reporting deadlines when the host registered them).
/// </summary>
internal sealed class KnowledgeAnswerer(KnowledgeIndexHolder holder, TimeProvider time, ReportingDeadlines? deadlines = null) : IKnowledgeAnswerer
{
    public KnowledgeAnswer Ask(string question)
    {
        var check = InputGuard.Check(question);
        if (!check.IsValid)
        {
            return new KnowledgeAnswer(check.Problem!, false, []);
        }

        return new AnswerComposer(holder.Current, VietnamTime.Today(time), deadlines).Answer(check.Text);
    }
}
