using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;

namespace DtsAssistant.Bench;

/// <summary>
/// `telegram [--updates N]`: (1) updates per second handled end to end — the real server (real conversation core,
/// knowledge base, SQLite) long-polling a local fake Bot API over HTTP on loopback, from the burst being queued at
/// the fake until every chat got its reply; (2) the time to deliver one broadcast to 2,000 chats within the
/// limits, through the real queue and client to the fake, on a simulated clock (the limits make it ~67 s of real time).
/// </summary>
internal static class TelegramBench
{
    private static readonly string[] Messages =
    [
        "Hạn nộp báo cáo tháng là khi nào?",
        "chỉ tiêu giáo viên có chữ ký số",
        "ai chịu trách nhiệm về an toàn thông tin",
        "học bạ số triển khai thế nào",
        "/trogiup",
        "/toi",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var updates = args.Length >= 2 && args[0] == "--updates" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var folder = Path.Combine(Path.GetTempPath(), "dts-bench-telegram-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var ok = await UpdatesPerSecondAsync(Path.Combine(folder, "real"), updates, instantCore: false);
            ok &= await UpdatesPerSecondAsync(Path.Combine(folder, "instant"), updates, instantCore: true);
            ok &= await BroadcastAsync(folder, chats: 2000);
            Console.WriteLine(ok ? "result: OK" : "result: FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <param name="instantCore">Replaces the conversation core with an instant echo, to show what the channel path alone costs.</param>
    private static async Task<bool> UpdatesPerSecondAsync(string folder, int count, bool instantCore)
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Channels:StatePath"] = Path.Combine(folder, "channels.db"),
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "dts.db")};Pooling=True;Default Timeout=30",
            ["Reporting:FormsFolder"] = Path.Combine(folder, "forms"),
            ["Knowledge:Watch"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DtsAssistant"] = "Warning",
        };
        await using var app = AssistantHost.Build(["--urls", "http://127.0.0.1:0"], c => c.AddInMemoryCollection(settings),
            s =>
            {
                if (instantCore)
                {
                    s.AddSingleton<IConversationEngine, EchoEngine>();
                }
            });
        await app.StartAsync();

        // Warm-up: index built, database migrated, JIT done.
        telegram.AddTexts(Enumerable.Range(1, 60).Select(i => ((long)i, Messages[i % Messages.Length])));
        await WaitAsync(() => telegram.ChatsAnswered >= 60, TimeSpan.FromMinutes(3));

        var baseline = telegram.ChatsAnswered;
        var sentBefore = telegram.SentCount;
        // One update per chat, as from many people at once; per-chat pacing does not slow a single reply.
        var burst = Enumerable.Range(0, count).Select(i => (ChatId: 100_000L + i, Text: Messages[i % Messages.Length])).ToList();
        var clock = Stopwatch.StartNew();
        telegram.AddTexts(burst);
        await WaitAsync(() => telegram.ChatsAnswered >= baseline + count, TimeSpan.FromMinutes(10));
        clock.Stop();

        var rate = count / clock.Elapsed.TotalSeconds;
        var core = instantCore ? "instant echo core (channel path alone)" : $"real core, mix of {Messages.Length} questions and commands";
        Console.WriteLine($"telegram updates: {count} updates from {count} chats handled end to end in {clock.Elapsed.TotalSeconds:F2} s "
                          + $"= {rate:F0} updates/s ({telegram.SentCount - sentBefore} messages sent; {core}; "
                          + $"long polling over HTTP on loopback; {Environment.ProcessorCount} cores)");
        await app.StopAsync();

        // The claims behind the figure: every update answered once, none twice, no error reply.
        var replies = telegram.Calls.Where(c => c.Method == "sendMessage" && c.ChatId >= 100_000 && c.ChatId < 100_000 + count).ToList();
        var perChat = replies.GroupBy(c => c.ChatId).ToDictionary(g => g.Key, g => g.ToList());
        var lost = count - perChat.Count;
        var doubled = perChat.Values.Count(messages => messages.Select(m => m.Text).Distinct().Count() < messages.Count);
        var errors = replies.Count(c => c.Text.Contains("Xin lỗi", StringComparison.Ordinal) || c.Text.Contains("sự cố", StringComparison.Ordinal));
        Console.WriteLine($"  check: chats without a reply {lost}, chats with a message repeated {doubled}, error replies {errors}");
        return lost == 0 && doubled == 0 && errors == 0;
    }

    private static async Task<bool> BroadcastAsync(string folder, int chats)
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 15, 1, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        using var store = new ChannelStateStore(Path.Combine(folder, "broadcast.db"), time);
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(FakeTelegramServer.Token, telegram.BaseUrl) { RetryThreshold = 0 }, http);
        var sentAt = new List<double>();
        bot.OnMakingApiRequest += (_, request, _) =>
        {
            if (request.Request.MethodName == "sendMessage")
            {
                lock (sentAt)
                {
                    sentAt.Add((time.GetUtcNow() - start).TotalSeconds);
                }
            }
            return ValueTask.CompletedTask;
        };
        await using var queue = new OutgoingQueue(TelegramSender.Channel, new RateLimits(), time, NullLogger.Instance);
        var sender = new TelegramSender(bot, queue, store);

        var wall = Stopwatch.StartNew();
        var broadcast = sender.BroadcastAsync(Enumerable.Range(1, chats).Select(i => 500_000L + i),
            new Reply("Nhắc: hạn nộp báo cáo tháng 11/2026 là trước ngày 20/11. Gõ /baocao để nộp."), CancellationToken.None);
        while (!broadcast.IsCompleted)
        {
            // Let the queue send everything it may, then move the simulated clock to the moment it waits for.
            var wake = await queue.WhenParkedAsync();
            if (wake is { } at && at > time.GetUtcNow())
            {
                time.Advance(at - time.GetUtcNow());
            }
            else
            {
                await Task.Delay(1);
            }
        }
        await broadcast;
        wall.Stop();

        var simulated = sentAt.Max();
        var busiestSecond = sentAt.GroupBy(s => (int)Math.Floor(s)).Max(g => g.Count());
        Console.WriteLine($"telegram broadcast: {telegram.ChatsAnswered} of {chats} chats reached in {simulated:F1} s of simulated time "
                          + $"(limit 30 messages/s overall; busiest second {busiestSecond} messages; {wall.Elapsed.TotalSeconds:F1} s wall time "
                          + "with real HTTP to the fake Bot API)");
        // Every chat once, never above 30 in any second (a sliding window, not only whole seconds), and not much slower.
        var perChat = telegram.Calls.Where(c => c.Method == "sendMessage").GroupBy(c => c.ChatId).ToList();
        sentAt.Sort();
        var busiestWindow = sentAt.Select((at, i) => sentAt.Skip(i).TakeWhile(t => t < at + 1.0).Count()).DefaultIfEmpty(0).Max();
        var ok = perChat.Count == chats && perChat.All(g => g.Count() == 1) && busiestWindow <= 30 && simulated <= chats / 30.0 * 1.1;
        Console.WriteLine($"  check: chats reached {perChat.Count} of {chats}, repeated {perChat.Count(g => g.Count() > 1)}, "
                          + $"most messages in any 1 s window {busiestWindow} (limit 30), {simulated:F1} s within 10% of {chats / 30.0:F1} s: {(ok ? "yes" : "NO")}");
        return ok;
    }

    /// <summary>Answers at once, so the figure measures polling, the inbox, rendering, the queue and the HTTP sends.</summary>
    private sealed class EchoEngine : IConversationEngine
    {
        public Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Reply>>([new Reply("ok " + message.Text)]);
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("The benchmark did not finish in time.");
            }
            await Task.Delay(5);
        }
    }
}
