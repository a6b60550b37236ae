using DtsAssistant.Knowledge.Answering;

namespace DtsAssistant.Knowledge.Evaluation;

/// <summary>One scored line: the question (null when the line could not be read), the answer and the verdict.</summary>
public sealed record EvalResult(EvalEntry Entry, KnowledgeAnswer? Answer, EvalVerdict Verdict)
{
    public bool Passed => Verdict.Passed;
}

/// <summary>Asks every question of a file and scores the answers; an unreadable line counts as a failure.</summary>
public sealed record EvalRun(IReadOnlyList<EvalResult> Results)
{
    public int Passed => Results.Count(r => r.Passed);

    public int Failed => Results.Count - Passed;

    public IEnumerable<EvalResult> Failures => Results.Where(r => !r.Passed);

    /// <summary>The closing line of the eval command: "N passed, M failed".</summary>
    public string Summary => $"{Passed} passed, {Failed} failed";

    public static EvalRun Run(IEnumerable<EvalEntry> entries, Func<string, KnowledgeAnswer> ask)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(ask);
        var results = new List<EvalResult>();
        foreach (var entry in entries)
        {
            if (entry.Question is not { } question)
            {
                results.Add(new EvalResult(entry, null, EvalVerdict.Fail(entry.Error ?? "dòng không đọc được")));
                continue;
            }

            var answer = ask(question.Question);
            results.Add(new EvalResult(entry, answer, EvalScorer.Score(question, answer.Answer, answer.Found)));
        }

        return new EvalRun(results);
    }
}
