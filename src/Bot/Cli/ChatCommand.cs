using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Hosting;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// `chat`: the assistant in the terminal, through the same conversation core as every channel. Reads standard input
/// line by line (so a conversation can be scripted when input is redirected), prints buttons as numbered options and
/// lets the person type a number to press one.
/// </summary>
internal static class ChatCommand
{
    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Console.In, Console.Out, Console.IsInputRedirected, configureServices: null);

    /// <param name="configureServices">Lets tests replace services (a FakeTimeProvider, a database file).</param>
    public static async Task<int> RunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        bool inputRedirected,
        Action<IServiceCollection>? configureServices)
    {
        var userId = CliSupport.Option(args, "--user") ?? Environment.UserName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='))],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Log lines would mix with the conversation: warnings and errors only, on standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // appsettings.json asks for Information by default, and configured levels win over SetMinimumLevel.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddAssistantCore(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var engine = host.Services.GetRequiredService<IConversationEngine>();
        var exports = host.Services.GetRequiredService<DtsAssistant.Reporting.Export.ExportFolder>();

        if (!inputRedirected)
        {
            await output.WriteLineAsync("Trợ lý CĐS — gõ câu hỏi hoặc /trogiup; gõ số để bấm nút; Ctrl+D hoặc /thoat để thoát.").ConfigureAwait(false);
        }

        IReadOnlyList<ReplyButton> lastButtons = [];
        var numbersAreText = false;
        while (true)
        {
            if (!inputRedirected)
            {
                await output.WriteAsync("> ").ConfigureAwait(false);
            }

            var line = await input.ReadLineAsync().ConfigureAwait(false);
            if (line is null || line.Trim() is "/thoat" or "/exit" or "/quit")
            {
                break;
            }

            if (inputRedirected)
            {
                // Echo scripted input so a transcript reads like a conversation.
                await output.WriteLineAsync($"> {line}").ConfigureAwait(false);
            }

            var message = ToMessage(line, userId, lastButtons, numbersAreText);
            var replies = await engine.HandleAsync(message, CancellationToken.None).ConfigureAwait(false);
            lastButtons = replies.LastOrDefault(r => r.ButtonRows.Count > 0)?.ButtonRows.SelectMany(r => r).ToList() ?? [];
            numbersAreText = replies.Count > 0 && replies[^1].ExpectsNumber;
            foreach (var reply in replies)
            {
                await output.WriteLineAsync(Render(reply, exports)).ConfigureAwait(false);
            }
        }

        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// "#2" presses the second offered button; a bare "2" does too, unless the question asks for a number (then it is
    /// the answer). Anything else is text.
    /// </summary>
    internal static IncomingMessage ToMessage(string line, string userId, IReadOnlyList<ReplyButton> offered, bool numbersAreText = false)
    {
        var trimmed = line.Trim();
        var marked = trimmed.StartsWith('#');
        if ((marked || !numbersAreText)
            && int.TryParse(marked ? trimmed[1..] : trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= offered.Count)
        {
            return new IncomingMessage("console", userId, userId, null, offered[number - 1].Data, userId);
        }

        return new IncomingMessage("console", userId, userId, line, DisplayName: userId);
    }

    /// <param name="exports">Where files go (a unique name each, removed after the retention); the temp folder when null.</param>
    internal static string Render(Reply reply, DtsAssistant.Reporting.Export.ExportFolder? exports = null)
    {
        var lines = new List<string> { reply.Text };
        var number = 0;
        foreach (var row in reply.ButtonRows)
        {
            lines.Add(string.Join("  ", row.Select(b => $"[{++number}] {b.Label}")));
        }

        if (reply.ExpectsNumber && number > 0)
        {
            lines.Add("(gõ #1, #2… để bấm nút; số không có # là câu trả lời)");
        }

        foreach (var citation in reply.CitationList)
        {
            var section = string.IsNullOrWhiteSpace(citation.Section) ? string.Empty : $", {citation.Section}";
            lines.Add($"Nguồn: {citation.Document}{section}");
        }

        if (reply.File is { } file)
        {
            var path = (exports ?? new DtsAssistant.Reporting.Export.ExportFolder(Path.Combine(Path.GetTempPath(), "dts-exports"), TimeSpan.FromDays(1), TimeProvider.System))
                .Save(file.FileName, file.Content);
            lines.Add($"Tệp: {path} ({file.Content.Length:N0} byte)");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
