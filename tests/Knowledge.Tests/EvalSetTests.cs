using DtsAssistant.Knowledge.Evaluation;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>
/// The three development sets of shared/eval, asked of the real embedded answerer and scored by <see cref="EvalScorer"/>
/// (the same code as the <c>eval</c> command). Each set must reach its threshold, so a later change cannot quietly lower
/// the scores. The sets are data read at run time from <c>../shared/eval</c> beside the repository (or
/// <c>DTS_EVAL_DIR</c>); nothing here knows their questions.
/// </summary>
public sealed class EvalSetTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    // Minimum passes per set (issue 13): 66 / 108 / 27; the out-of-scope set is held at 28, its score since 2026-11-29.
    public const int QaDevMinimum = 66;
    public const int QaGridDevMinimum = 108;
    public const int QaOosDevMinimum = 28;

    [EvalSetTheory]
    [InlineData("qa-dev.jsonl", QaDevMinimum, 66)]
    [InlineData("qa-grid-dev.jsonl", QaGridDevMinimum, 110)]
    [InlineData("qa-oos-dev.jsonl", QaOosDevMinimum, 28)]
    public void The_development_set_passes_at_least_its_threshold(string file, int minimum, int questions)
    {
        var path = Path.Combine(EvalSets.Folder ?? throw new InvalidOperationException(EvalSets.Missing), file);
        var entries = EvalQuestionFile.Read(path);
        Assert.All(entries, e => Assert.Null(e.Error));
        Assert.Equal(questions, entries.Count);

        var run = EvalRun.Run(entries, kb.Answerer().Ask);

        var failures = string.Join("\n", run.Failures.Select(f => $"{f.Entry.Question!.Id}: {f.Verdict.Reason}"));
        Assert.True(run.Passed >= minimum, $"{file}: {run.Summary}, below the threshold of {minimum}.\n{failures}");
    }
}

/// <summary>Where the shared eval sets are: <c>DTS_EVAL_DIR</c>, else <c>shared/eval</c> beside the repository root.</summary>
internal static class EvalSets
{
    public const string Missing = "Không thấy thư mục ../shared/eval cạnh kho mã (hoặc DTS_EVAL_DIR): không chạy được các bộ câu hỏi eval.";

    public static string? Folder { get; } = Locate();

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("DTS_EVAL_DIR") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DtsAssistant.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared", "eval");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }

        return null;
    }
}

/// <summary>Skipped visibly when the eval sets are absent; with DTS_TEST_REQUIRE_SERVICES=1 (CI) it runs and fails.</summary>
public sealed class EvalSetTheoryAttribute : TheoryAttribute
{
    public EvalSetTheoryAttribute()
    {
        if (EvalSets.Folder is null && Environment.GetEnvironmentVariable("DTS_TEST_REQUIRE_SERVICES") != "1")
        {
            Skip = EvalSets.Missing;
        }
    }
}
