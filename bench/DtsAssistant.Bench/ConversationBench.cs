using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Bench;

/// <summary>
/// `conversation`: N simulated focal points (default 2,000) each file a complete monthly report through the
/// conversation core on a SQLite file, all sessions open at once and interleaved; at most C messages are in the core
/// at any moment (default 4, the channels' Channels:MaxConcurrentUpdates). Prints messages/s, p50/p99/max latency per
/// message inside the core, and reads the answers back afterwards to prove that every one reached the database with the
/// value typed. The closed loop means latency grows with C by Little's law (C / throughput) once the single SQLite
/// writer is busy: at C = 32 a message waits for the ~31 ahead of it.
/// Options: --focal-points N, --concurrency C, --db path, --synchronous normal|full, --per-step (mean latency of each step of the script).
/// </summary>
internal static class ConversationBench
{
    /// <summary>Answers for the 17 questions of a public primary school, typed as people type them.</summary>
    private static readonly string[] Answers =
    [
        "rồi", "ba", "có", "5", "ok", "đang triển khai", "45", "40/45", "1, 2", "đã", "mười hai", "thí điểm", "60", "80%",
        "toàn bộ", "2", "Thiếu máy chiếu",
    ];

    /// <summary>What each typed answer means, as stored (question key → stored value), in form order.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["ke_hoach_cds"] = "true",                          // "rồi"
        ["hoat_dong_cds"] = "3",                            // "ba"
        ["web_chuyen_muc"] = "true",                        // "có"
        ["web_tin_bai"] = "5",
        ["lan_dat_chuan"] = "true",                         // "ok"
        ["ipv6"] = "dang_trien_khai",                       // "đang triển khai"
        ["cb_tong"] = "45",
        ["cb_ky_nang_so"] = "40",                           // "40/45"
        ["phan_mem"] = "quan_ly_truong;so_dien_tu",         // "1, 2": the first two options
        ["csdl_cap_nhat"] = "true",                         // "đã"
        ["hoc_lieu_so"] = "12",                             // "mười hai"
        ["hoc_ba_so"] = "thi_diem",                         // "thí điểm"
        ["gv_tong"] = "60",
        ["gv_chu_ky_so"] = "48",                            // "80%" of 60 teachers
        ["tt_khong_tien_mat"] = "toan_bo",                  // "toàn bộ"
        ["muc_do_cds"] = "muc_2",                           // "2"
        ["kho_khan"] = "Thiếu máy chiếu",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var focalPoints = IntOption(args, "--focal-points", 2000);
        var concurrency = IntOption(args, "--concurrency", 4);
        var file = Option(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"dts-conversation-bench-{Guid.NewGuid():N}.db");
        var clock = new FixedClock(new DateTimeOffset(2025, 11, 10, 3, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={file};Pooling=True;Default Timeout=30",
            ["Reporting:SeedSampleDirectory"] = "false",
            ["Knowledge:Watch"] = "false",
            // --synchronous normal|full: the SQLite durability setting (docs/reporting.md, "Durability").
            ["Database:Synchronous"] = Option(args, "--synchronous") ?? "Full",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning))
            .AddAssistantCore(configuration)
            .AddSingleton<TimeProvider>(clock);
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IConversationEngine>();

        Console.WriteLine($"conversation bench: {focalPoints} focal points, {Answers.Length} questions each, concurrency {concurrency}, SQLite {file}, synchronous {configuration["Database:Synchronous"]}");
        var setup = Stopwatch.StartNew();
        var codes = await SeedAsync(provider, focalPoints);
        await Parallel.ForEachAsync(Enumerable.Range(0, focalPoints), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var replies = await engine.HandleAsync(Message(i, "/dangky " + codes[i]), ct);
            if (!replies[0].Text.Contains("đầu mối", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"registration {i} failed: {replies[0].Text}");
            }
        });
        Console.WriteLine($"setup (units, invites, /dangky): {setup.Elapsed.TotalSeconds:F1} s");
        if (args.Contains("--profile"))
        {
            await ConversationProfile.RunAsync(provider);
            await CleanUpAsync(provider, args, file);
            return 0;
        }

        var script = new[] { "/baocao" }.Concat(Answers).Append("gửi").ToArray();
        var latencies = new long[focalPoints * script.Length];
        var saved = 0;
        var receipts = 0;
        var gate = new SemaphoreSlim(concurrency);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, focalPoints).Select(async i =>
        {
            await Task.Yield();
            for (var step = 0; step < script.Length; step++)
            {
                await gate.WaitAsync();
                long elapsed;
                IReadOnlyList<Reply> replies;
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    replies = await engine.HandleAsync(Message(i, script[step]), CancellationToken.None);
                    elapsed = Stopwatch.GetTimestamp() - started;
                }
                finally
                {
                    gate.Release();
                }

                latencies[i * script.Length + step] = elapsed;
                var text = replies[^1].Text;
                if (text.StartsWith("✓ Đã lưu", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref saved);
                }
                else if (text.Contains("Số tham chiếu", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref receipts);
                }
                else if (step > 0)
                {
                    throw new InvalidOperationException($"focal point {i}, step {step} ('{script[step]}'): {text}");
                }
            }
        }));
        wall.Stop();

        var messages = latencies.Length;
        if (args.Contains("--per-step"))
        {
            for (var step = 0; step < script.Length; step++)
            {
                var mean = Enumerable.Range(0, focalPoints).Average(i => latencies[i * script.Length + step]) * 1000.0 / Stopwatch.Frequency;
                Console.WriteLine($"  step {step,2} '{script[step]}': mean {mean:F2} ms");
            }
        }

        Array.Sort(latencies);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"messages: {messages:N0} in {wall.Elapsed.TotalSeconds:F1} s = {messages / wall.Elapsed.TotalSeconds:F0} messages/s");
        Console.WriteLine($"latency per message in the core: p50 {Ms(latencies[messages / 2]):F2} ms, p99 {Ms(latencies[(int)(messages * 0.99)]):F2} ms, max {Ms(latencies[^1]):F2} ms");

        var database = provider.GetRequiredService<ReportingDatabase>();
        await using var db = await database.OpenAsync();
        var answerRows = await db.Answers.CountAsync();
        var submitted = await db.Reports.CountAsync(r => r.Status == ReportStatus.Submitted);
        // Every focal point typed the same script, so each question must hold one value, in one row per report.
        var perQuestion = await db.Answers.GroupBy(a => a.QuestionKey)
            .Select(g => new { g.Key, Rows = g.Count(), Values = g.Select(a => a.Value).Distinct().Count(), Reports = g.Select(a => a.ReportId).Distinct().Count() })
            .ToListAsync();
        var consistent = perQuestion.Count == Answers.Length && perQuestion.All(q => q.Rows == focalPoints && q.Values == 1 && q.Reports == focalPoints);
        // The stored value of each question is what the person typed, as the form reads it ("ba" is 3, "40/45" is 40 of 45).
        var stored = await db.Answers.GroupBy(a => a.QuestionKey).Select(g => new { g.Key, Value = g.Min(a => a.Value) }).ToDictionaryAsync(g => g.Key, g => g.Value);
        var wrong = Expected.Where(e => !stored.TryGetValue(e.Key, out var value) || value != e.Value).ToList();
        foreach (var (key, value) in wrong)
        {
            Console.WriteLine($"  stored {key} = '{stored.GetValueOrDefault(key)}', typed means '{value}'");
        }
        Console.WriteLine($"stored values equal to what was typed: {Expected.Count - wrong.Count} of {Expected.Count} questions");
        consistent &= wrong.Count == 0 && Expected.Count == Answers.Length;
        var expected = focalPoints * Answers.Length;
        var lost = expected - answerRows;
        Console.WriteLine($"answers acknowledged {saved:N0}, answer rows {answerRows:N0} of {expected:N0} expected; lost {lost}");
        Console.WriteLine($"questions read back {perQuestion.Count} of {Answers.Length}, each with one row per report and one value in all reports: {(consistent ? "yes" : "NO")}");
        Console.WriteLine($"receipts {receipts:N0}, submitted reports {submitted:N0} of {focalPoints:N0}");
        var ok = lost == 0 && consistent && saved == expected && submitted == focalPoints && receipts == focalPoints;
        Console.WriteLine(ok ? "result: OK, zero lost" : "result: FAILED");

        await CleanUpAsync(provider, args, file);
        return ok ? 0 : 1;
    }

    private static async Task CleanUpAsync(ServiceProvider provider, string[] args, string file)
    {
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Option(args, "--db") is null)
        {
            foreach (var leftover in Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*"))
            {
                File.Delete(leftover);
            }
        }
    }

    private static IncomingMessage Message(int focalPoint, string text)
    {
        var user = "bench-" + focalPoint.ToString(CultureInfo.InvariantCulture);
        return new IncomingMessage("telegram", user, user, text, DisplayName: "Đầu mối " + user);
    }

    private static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider provider, int count)
    {
        var database = provider.GetRequiredService<ReportingDatabase>();
        await using (var db = await database.OpenAsync())
        {
            var communes = Enumerable.Range(1, Math.Max(1, count / 20))
                .Select(c => new Commune { Code = $"BX{c:D3}", Name = $"Xã Thử Nghiệm {c}", IsSample = true })
                .ToList();
            db.Communes.AddRange(communes);
            db.Units.AddRange(Enumerable.Range(0, count).Select(i => new Unit
            {
                Code = $"BENCH-{i:D5}",
                Name = $"Trường Tiểu học Thử Nghiệm {i}",
                Kind = UnitKind.Primary,
                IsPublic = true,
                Commune = communes[i % communes.Count],
                ReportsTo = ReportingLine.Commune,
                IsSample = true,
            }));
            await db.SaveChangesAsync();
        }

        var directory = provider.GetRequiredService<IDirectoryService>();
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = (await directory.CreateInvitesAsync(Caller.System("bench"), $"BENCH-{i:D5}", Role.FocalPoint, 1))[0].Code;
        }

        return codes;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>A fixed instant inside the November 2025 filing window, so the bench does not depend on today's date.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>`--profile`: the average cost of each call one filing message makes, to see where the time goes.</summary>
internal static class ConversationProfile
{
    public static async Task RunAsync(IServiceProvider provider)
    {
        var directory = provider.GetRequiredService<IDirectoryService>();
        var filing = provider.GetRequiredService<DtsAssistant.Reporting.Filing.IFilingService>();
        var store = provider.GetRequiredService<DtsAssistant.Bot.Conversation.State.ConversationStateStore>();
        var caller = await directory.WhoAmIAsync("telegram", "bench-0");
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++) await directory.WhoAmIAsync("telegram", "bench-0");
        Console.WriteLine($"whoami {sw.Elapsed.TotalMilliseconds / 50:F2} ms");
        sw.Restart();
        for (var i = 0; i < 50; i++) await store.LoadAsync("telegram:bench-0", CancellationToken.None);
        Console.WriteLine($"load state {sw.Elapsed.TotalMilliseconds / 50:F2} ms");
        var state = await store.LoadAsync("telegram:bench-0", CancellationToken.None);
        sw.Restart();
        for (var i = 0; i < 50; i++) await store.SaveAsync("telegram:bench-x", state with { Filing = new DtsAssistant.Bot.Conversation.State.FilingState(1, "k", "u", DtsAssistant.Bot.Conversation.State.FilingStep.Question, i, 0) }, CancellationToken.None);
        Console.WriteLine($"save state {sw.Elapsed.TotalMilliseconds / 50:F2} ms");
        var open = await filing.OpenAsync(caller, caller.FilingUnits[0].Code, DtsAssistant.Reporting.Schedule.Period.Month(2025, 11));
        var id = open.Session!.ReportId;
        sw.Restart();
        for (var i = 0; i < 50; i++) await filing.GetAsync(caller, id);
        Console.WriteLine($"get session {sw.Elapsed.TotalMilliseconds / 50:F2} ms");
        var rev = open.Session.Revision;
        sw.Restart();
        for (var i = 0; i < 50; i++) { var r = await filing.SaveAnswerAsync(caller, id, "hoat_dong_cds", new DtsAssistant.Reporting.Forms.IntegerAnswer(i), rev); rev = r.Revision; }
        Console.WriteLine($"save answer {sw.Elapsed.TotalMilliseconds / 50:F2} ms");
        sw.Restart();
        for (var i = 0; i < 20; i++) await filing.ValidateAsync(caller, id);
        Console.WriteLine($"validate {sw.Elapsed.TotalMilliseconds / 20:F2} ms");
    }
}
