namespace DtsAssistant.Knowledge.Evaluation;

/// <summary>Whether an answer passes, and if not the first reason (in Vietnamese, for the eval printout).</summary>
public sealed record EvalVerdict(bool Passed, string? Reason)
{
    public static readonly EvalVerdict Pass = new(true, null);

    public static EvalVerdict Fail(string reason) => new(false, reason);
}

/// <summary>
/// The pass rule of shared/eval/README.md, the only implementation (the eval CLI and the tests both call it):
/// <list type="bullet">
/// <item><c>expect_not_found</c>: the answer has <c>found: false</c>, nothing else is checked;</item>
/// <item>otherwise <c>found</c> must be true, except for kind <c>smalltalk</c> where either value is accepted;</item>
/// <item>the answer text contains every <c>expect_all</c> phrase, at least one <c>expect_any</c> phrase (when given) and
/// no <c>expect_none</c> phrase, compared as <see cref="EvalText"/> says (folded, whole words).</item>
/// </list>
/// Citations are not part of the text that is compared.
/// </summary>
public static class EvalScorer
{
    public static EvalVerdict Score(EvalQuestion question, string answer, bool found)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        if (question.ExpectNotFound)
        {
            return found ? EvalVerdict.Fail("cần found: false") : EvalVerdict.Pass;
        }

        if (!found && question.Kind != EvalQuestion.SmallTalk)
        {
            return EvalVerdict.Fail("found: false");
        }

        var text = EvalText.Fold(answer);
        var missing = question.ExpectAll.FirstOrDefault(p => !EvalText.ContainsPhrase(text, p));
        if (missing is not null)
        {
            return EvalVerdict.Fail($"thiếu \"{missing}\"");
        }

        if (question.ExpectAny.Count > 0 && !question.ExpectAny.Any(p => EvalText.ContainsPhrase(text, p)))
        {
            return EvalVerdict.Fail($"không có cụm nào trong [{string.Join(", ", question.ExpectAny.Select(p => $"\"{p}\""))}]");
        }

        var forbidden = question.ExpectNone.FirstOrDefault(p => EvalText.ContainsPhrase(text, p));
        return forbidden is null ? EvalVerdict.Pass : EvalVerdict.Fail($"không được có \"{forbidden}\"");
    }
}
