using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>The built command line, run as a process: the JSON shape others rely on and the eval summary.</summary>
public sealed class CliTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    [Fact]
    public async Task Ask_json_prints_one_object_with_answer_found_and_citations()
    {
        var (exit, output) = await RunAsync("ask", "--json", "Ai chủ trì nhiệm vụ Văn bằng số?");
        Assert.Equal(0, exit);
        Assert.Contains("Phòng Công tác học sinh, sinh viên", output, StringComparison.Ordinal); // not \u-escaped

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("answer").ValueKind);
        Assert.True(root.GetProperty("found").GetBoolean());
        var citation = root.GetProperty("citations")[0];
        Assert.Equal("Kế hoạch 27/KH-SGDĐT", citation.GetProperty("document").GetString());
        Assert.Equal("Phụ lục 2, nhiệm vụ 9", citation.GetProperty("section").GetString());
        Assert.False(string.IsNullOrEmpty(citation.GetProperty("quote").GetString()));
    }

    [Fact]
    public async Task Ask_without_json_prints_the_answer_then_its_sources()
    {
        var (_, output) = await RunAsync("ask", "GV phổ thông có CKS phải đạt bao nhiêu?");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("50%", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Nguồn: Kế hoạch 27/KH-SGDĐT, mục I.2.5", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_with_only_emoji_replies_in_Vietnamese_with_found_false()
    {
        var (exit, output) = await RunAsync("ask", "--json", "😀😀");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("found").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task Eval_prints_failures_and_a_summary_and_writes_answers_with_ids()
    {
        var questions = Path.GetTempFileName();
        var answers = Path.GetTempFileName();
        await File.WriteAllLinesAsync(questions, [
            """{"id":"t-1","kind":"responsibility","question":"Chỉ tiêu thu tiền không dùng tiền mặt do phòng nào theo dõi?","expect_all":["Phòng Tài chính"]}""",
            """{"id":"t-2","kind":"out_of_scope","question":"Giá vàng hôm nay?","expect_not_found":true}""",
            """{"id":"t-3","kind":"target","question":"GV phổ thông có CKS phải đạt bao nhiêu?","expect_all":["99%"]}""",
            """{"id":"t-4","kind":"target","question":"thiếu dấu đóng""",
        ]);

        var (exit, output) = await RunAsync("eval", questions, "--output", answers);

        Assert.Equal(0, exit);
        Assert.Contains("FAIL t-3", output, StringComparison.Ordinal);
        Assert.Contains("(thiếu \"99%\")", output, StringComparison.Ordinal);
        Assert.Contains("FAIL dòng 4:", output, StringComparison.Ordinal);
        Assert.EndsWith("2 passed, 2 failed", output.TrimEnd(), StringComparison.Ordinal);
        var written = (await File.ReadAllLinesAsync(answers)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["t-1", "t-2", "t-3"], written.Select(w => w.GetProperty("id").GetString()));
        Assert.All(written, w => Assert.True(w.TryGetProperty("citations", out _)));
    }

    [Fact]
    public async Task Eval_of_a_missing_file_exits_with_an_error()
    {
        var (exit, _) = await RunAsync("eval", Path.Combine(Path.GetTempPath(), "khong-co-tep.jsonl"));
        Assert.Equal(1, exit);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DtsAssistant.Bot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Knowledge__Path"] = kb.Folder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output + await error);
    }
}
