using System.Diagnostics;
using DtsAssistant.Bot.Cli;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>The `chat` command: a scripted conversation on standard input, through the host composition.</summary>
public sealed class ChatCommandTests
{
    [Fact]
    public async Task A_scripted_filing_through_stdin_reaches_a_receipt_and_numbers_press_buttons()
    {
        await using var seed = new ConversationHarness();
        await seed.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
        var code = await seed.InviteAsync(Role.FocalPoint, "TH-YM-A");

        // "1" presses the first button of the last reply: "Có" for question 1.
        var script = new[] { "/dangky " + code, "/baocao", "1" }
            .Concat(FilingConversationTests.PrimarySchoolAnswers.Skip(1))
            .Append("gửi");
        var output = new StringWriter();
        var exit = await ChatCommand.RunAsync(
            ["--user", "tester", $"--Database:ConnectionString=Data Source={seed.DatabaseFile}", "--Reporting:SeedSampleDirectory=false", "--Knowledge:Watch=false"],
            new StringReader(string.Join('\n', script) + "\n"),
            output,
            inputRedirected: true,
            services => services.AddSingleton<TimeProvider>(seed.Clock));

        var transcript = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("[1] Có  [2] Chưa", transcript);
        Assert.Contains("✓ Đã lưu: Có", transcript);
        Assert.Contains("Số tham chiếu:", transcript);
        Assert.Equal(17, await seed.QueryAsync(db => db.Answers.CountAsync()));
        Assert.Equal(ReportStatus.Submitted, await seed.QueryAsync(db => db.Reports.Select(r => r.Status).SingleAsync()));
        var identity = await seed.QueryAsync(db => db.ChatIdentities.SingleAsync());
        Assert.Equal(("console", "tester"), (identity.Channel, identity.PlatformUserId));
    }

    [Fact]
    public async Task The_chat_process_reads_standard_input_line_by_line()
    {
        var folder = Directory.CreateTempSubdirectory("dts-chat-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { typeof(ChatCommand).Assembly.Location, "chat" },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "chat.db")}";
            start.Environment["Reporting__SeedSampleDirectory"] = "false";
            start.Environment["Knowledge__Watch"] = "false";
            start.Environment["Knowledge__Path"] = KnowledgeBaseFolder();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync("/start\n😀\n/trangthai\n/toi\n");
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(120_000), "chat did not finish");

            var transcript = await stdout;
            var log = await stderr;
            Assert.True(process.ExitCode == 0, log);
            // Host and index log lines would interleave with the conversation in a terminal.
            Assert.DoesNotContain("info:", log, StringComparison.Ordinal);
            Assert.Contains("> /start", transcript);
            Assert.Contains("Xin chào", transcript);
            Assert.Contains("biểu tượng cảm xúc", transcript);
            Assert.Contains("chỉ dành cho", transcript);
            Assert.Contains("Bạn chưa đăng ký", transcript);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Buttons_render_as_numbered_options_and_citations_as_sources()
    {
        var reply = new Reply("Câu 1/17",
            [[new ReplyButton("Có", "f:0:yes"), new ReplyButton("Chưa", "f:0:no")], [new ReplyButton("Bỏ qua", "f:0:skip")]],
            [new Knowledge.Answering.Citation("Kế hoạch 27/KH-SGDĐT", "V.3", "trước ngày 20")]);
        var text = ChatCommand.Render(reply);
        Assert.Contains("[1] Có  [2] Chưa", text);
        Assert.Contains("[3] Bỏ qua", text);
        Assert.Contains("Nguồn: Kế hoạch 27/KH-SGDĐT, V.3", text);

        var offered = reply.ButtonRows.SelectMany(r => r).ToList();
        Assert.Equal("f:0:skip", ChatCommand.ToMessage("3", "u", offered).ButtonData);
        Assert.Equal("4", ChatCommand.ToMessage("4", "u", offered).Text);
        Assert.Equal("45", ChatCommand.ToMessage("45", "u", []).Text);
        Assert.Equal("1", ChatCommand.ToMessage("1", "u", offered, numbersAreText: true).Text);
        Assert.Equal("f:0:yes", ChatCommand.ToMessage("#1", "u", offered, numbersAreText: true).ButtonData);
    }

    private static string KnowledgeBaseFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge-base");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("knowledge-base");
    }
}
