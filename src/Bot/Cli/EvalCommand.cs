using System.Text;
using System.Text.Json;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Evaluation;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// `eval questions.jsonl [--output answers.jsonl]`: asks every question of a file in the shared/eval format (scored by <see cref="EvalScorer"/>), prints each
/// failure and "N passed, M failed". It is a measurement, so failures still exit 0; an unreadable file exits 1.
/// </summary>
internal static class EvalCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        using var services = KnowledgeCli.BuildServices();
        return Task.FromResult(Run(args, services.GetRequiredService<IKnowledgeAnswerer>(), Console.Out, Console.Error));
    }

    internal static int Run(string[] args, IKnowledgeAnswerer answerer, TextWriter output, TextWriter error)
    {
        var outputAt = Array.IndexOf(args, "--output");
        var outputPath = outputAt >= 0 && outputAt + 1 < args.Length ? args[outputAt + 1] : null;
        var inputPath = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (outputAt < 0 || i != outputAt + 1)).FirstOrDefault();
        if (inputPath is null)
        {
            error.WriteLine("Cần chỉ ra tệp câu hỏi: eval <file.jsonl> [--output answers.jsonl]");
            return 2;
        }

        IReadOnlyList<EvalEntry> entries;
        try
        {
            entries = EvalQuestionFile.Read(inputPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"Không đọc được tệp {inputPath}: {ex.Message}");
            return 1;
        }

        StreamWriter? answers;
        try
        {
            answers = outputPath is null ? null : new StreamWriter(outputPath, false, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"Không ghi được tệp {outputPath}: {ex.Message}");
            return 1;
        }

        using var writer = answers;
        var run = EvalRun.Run(entries, answerer.Ask);
        foreach (var result in run.Results)
        {
            if (writer is not null && result.Answer is not null)
            {
                var node = JsonSerializer.SerializeToNode(result.Answer, AskCommand.Json)!.AsObject();
                node.Insert(0, "id", result.Entry.Question!.Id);
                writer.WriteLine(node.ToJsonString(AskCommand.Json));
            }

            if (!result.Passed)
            {
                output.WriteLine(result.Entry.Question is { } q
                    ? $"FAIL {q.Id} [{q.Kind}] {q.Question} => {(result.Answer!.Found ? string.Empty : "(found: false) ")}{result.Answer.Answer} ({result.Verdict.Reason})"
                    : $"FAIL dòng {result.Entry.LineNumber}: {result.Verdict.Reason}");
            }
        }

        output.WriteLine(run.Summary);
        return 0;
    }
}
