using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// "Tháng 11 là hết hạn đúng không?": the fact answer, prefixed "Đúng." when every word the person claims (what the
/// question says beyond the fact's own topic words: a month, a unit) stands in it, "Chưa đúng." otherwise.
/// </summary>
internal static class ConfirmAnswer
{
    public static KnowledgeAnswer Wrap(AnswerContext context, KnowledgeAnswer answer, TopicTerms? topic)
    {
        if (!answer.Found)
        {
            return answer;
        }

        var said = new HashSet<string>(VietnameseTokenizer.Tokenize(answer.Answer).Select(t => t.Folded), StringComparer.Ordinal);
        var claims = context.Question.TopicTokens.Where(t => topic is null || !topic.Covers(t)).ToList();
        if (claims.Count == 0)
        {
            return answer;
        }

        var holds = claims.All(t => said.Contains(t.Folded));
        return answer with { Answer = (holds ? "Đúng. " : "Chưa đúng. ") + answer.Answer };
    }
}
