using DtsAssistant.Knowledge.Facts;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// "Trường tiểu học nộp báo cáo cho ai?": the reporting line of the sender the question names (matched by the sender's
/// own words in the plan), or every line when it names none.
/// </summary>
internal static class RecipientAnswer
{
    public static KnowledgeAnswer For(AnswerContext context, IReadOnlyList<SenderRule> rules)
    {
        var chosen = Chosen(context, rules);
        var text = TextCuts.EndSentence(TextCuts.Capitalize(string.Join("; ", chosen.Select(r => r.Clause))));
        var source = chosen[0].Source;
        return new KnowledgeAnswer(text, true, [TextCuts.Cite(source, source.Text)]);
    }

    public static IReadOnlyList<SenderRule> Chosen(AnswerContext context, IReadOnlyList<SenderRule> rules)
    {
        // The kind of sender named ("THPT" is a unit under the Sở) picks the rule that names that kind, in the plan's words.
        if (Understanding.QuestionLexicon.SenderPhrases(context.Question.Sender) is { } phrases)
        {
            var byKind = rules.Where(r => phrases.Any(p => p.Tokens.All(r.SenderTerms.Covers))).ToList();
            if (byKind.Count > 0 && byKind.Count < rules.Count)
            {
                return byKind;
            }
        }

        var scores = rules.Select(r => context.Linker.Match(r.SenderTerms).Score).ToArray();
        var max = scores.Max();
        return max > 0 ? rules.Where((_, i) => scores[i] == max).ToList() : rules;
    }
}
