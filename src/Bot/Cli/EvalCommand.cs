using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// `eval questions.jsonl [--output answers.jsonl]`: asks every question of a file in the ../eval format, prints each
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

        string[] lines;
        try
        {
            lines = File.ReadAllLines(inputPath, Encoding.UTF8);
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
        int passed = 0, failed = 0;
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)).Where(p => p.l.Trim().Length > 0))
        {
            EvalQuestion? question;
            try
            {
                question = EvalQuestion.Parse(line);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                failed++;
                output.WriteLine($"FAIL dòng {number}: không đọc được JSON ({ex.Message})");
                continue;
            }

            var answer = answerer.Ask(question.Question);
            if (answers is not null)
            {
                var node = JsonSerializer.SerializeToNode(answer, AskCommand.Json)!.AsObject();
                node.Insert(0, "id", question.Id);
                answers.WriteLine(node.ToJsonString(AskCommand.Json));
            }

            if (question.Passes(answer))
            {
                passed++;
            }
            else
            {
                failed++;
                output.WriteLine($"FAIL {question.Id} [{question.Kind}] {question.Question} => {(answer.Found ? string.Empty : "(found: false) ")}{answer.Answer}");
            }
        }

        output.WriteLine($"{passed} passed, {failed} failed");
        return 0;
    }
}

/// <summary>One line of an eval file and its pass rule (see ../eval/README.md).</summary>
internal sealed record EvalQuestion(string Id, string Kind, string Question, IReadOnlyList<string> ExpectAll, IReadOnlyList<string> ExpectAny, bool ExpectNotFound)
{
    public static EvalQuestion Parse(string line)
    {
        var node = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("empty line");
        static IReadOnlyList<string> Strings(JsonNode? n) => n is JsonArray array ? array.Select(x => x?.GetValue<string>() ?? string.Empty).ToList() : [];
        return new EvalQuestion(
            node["id"]?.GetValue<string>() ?? "?",
            node["kind"]?.GetValue<string>() ?? string.Empty,
            node["question"]?.GetValue<string>() ?? string.Empty,
            Strings(node["expect_all"]),
            Strings(node["expect_any"]),
            node["expect_not_found"]?.GetValue<bool>() ?? false);
    }

    public bool Passes(KnowledgeAnswer answer)
    {
        if (ExpectNotFound)
        {
            return !answer.Found;
        }

        var text = Fold(answer.Answer);
        return ExpectAll.All(e => text.Contains(Fold(e), StringComparison.Ordinal))
            && (ExpectAny.Count == 0 || ExpectAny.Any(e => text.Contains(Fold(e), StringComparison.Ordinal)));
    }

    /// <summary>NFC, lower case, no diacritics, every run of characters other than letters, digits, % and / as one space.</summary>
    public static string Fold(string text)
    {
        var folded = VietnameseText.Fold(text.Normalize(NormalizationForm.FormC).ToLowerInvariant());
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || c is '%' or '/')
            {
                builder.Append(c);
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().Trim();
    }
}
