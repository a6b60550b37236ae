using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Bot.Tests.Channels.Faults;

/// <summary>
/// N focal points file a whole monthly report at once through the fake Telegram Bot API over HTTP, against the real
/// server running as a separate process (`dotnet DtsAssistant.Bot.dll`), which is killed with SIGKILL at a random
/// moment and started again on the same files. Each person sends their next message only after the reply to the previous
/// one arrived (the question marker "Câu k/17"). Afterwards the database is read back: every acknowledged answer is
/// there, none was applied twice (all reports hold the same 17 values and the same revision), every conversation
/// reached its receipt, and no one got an error reply. Used by the `faults` benchmark and, smaller, by a test.
/// </summary>
public sealed class FilingUnderFaults
{
    /// <summary>The 17 answers of a public primary school, typed as people type them.</summary>
    public static readonly string[] Answers =
    [
        "rồi", "ba", "có", "5", "ok", "đang triển khai", "45", "40/45", "1, 2", "đã", "mười hai", "thí điểm", "60", "80%",
        "toàn bộ", "2", "Thiếu máy chiếu",
    ];

    private const long FirstChat = 900_000;

    public required int FocalPoints { get; init; }

    /// <summary>Kills (SIGKILL) the server this many times, each at a random moment of the run.</summary>
    public int Kills { get; init; } = 1;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>A PostgreSQL connection string (an empty database), or null for a SQLite file in the run's folder.</summary>
    public string? Postgres { get; init; }

    /// <summary>
    /// Server processes on the same (PostgreSQL) database. With more than one, updates arrive by webhook and each chat's
    /// messages alternate between the replicas; an update refused by a dead replica is delivered to a live one.
    /// </summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Webhook mode: the share of updates delivered a second time, to another replica (as Telegram retries).</summary>
    public double Redeliver { get; init; }

    private const string WebhookSecret = "fault-run-secret";

    public Action<string> Log { get; init; } = Console.WriteLine;

    public sealed record Outcome(
        int FocalPoints, int Kills, TimeSpan Elapsed, int Messages, int Acknowledged, int AnswerRows, int ExpectedRows,
        int DistinctValueSets, int DistinctRevisions, int Submitted, int Receipts, int ErrorReplies, int ResentReplies,
        int ReplayedFromStore, IReadOnlyList<string> Stuck)
    {
        public int Lost => ExpectedRows - AnswerRows;

        /// <summary>Every claim of the run.</summary>
        public bool Holds => Lost == 0 && Acknowledged == ExpectedRows && DistinctValueSets == 1 && DistinctRevisions == 1
                             && Submitted == FocalPoints && Receipts == FocalPoints && ErrorReplies == 0 && Stuck.Count == 0;

        public override string ToString() =>
            $"{FocalPoints} focal points, {Messages:N0} messages, {Kills} kill -9, {Elapsed.TotalSeconds:F1} s: "
            + $"answers acknowledged {Acknowledged:N0}, rows {AnswerRows:N0} of {ExpectedRows:N0} (lost {Lost}), "
            + $"value sets across reports {DistinctValueSets} (1 = none applied twice), revisions {DistinctRevisions}, "
            + $"submitted {Submitted:N0}, receipts {Receipts:N0}, error replies {ErrorReplies}, replies re-sent after a restart {ResentReplies}, "
            + $"updates answered from the stored replies {ReplayedFromStore}, stuck conversations {Stuck.Count}";
    }

    public async Task<Outcome> RunAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(Seed);
        await using var telegram = await FakeTelegramServer.StartAsync();
        var database = Postgres is null
            ? new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "dts.db")};Pooling=True;Default Timeout=30" }
            : new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = Postgres };
        // Every replica and the seeding share one invite key (on PostgreSQL the default is under each working directory).
        database["Reporting:InviteKeyPath"] = Path.Combine(folder, "invite.key");
        var codes = await SeedAsync(database, FocalPoints);

        var webhook = Replicas > 1;
        var servers = Enumerable.Range(0, Replicas).Select(i => new ServerProcess(folder, i, telegram.BaseUrl, database, webhook)).ToList();
        foreach (var server in servers)
        {
            server.Start();
        }

        var script = new List<string> { "/baocao" };
        script.AddRange(Answers);
        script.Add("gửi");
        var steps = script.Count + 1; // + /dangky
        var total = FocalPoints * steps;
        var killAt = Enumerable.Range(0, Kills).Select(_ => (int)(total * (0.15 + random.NextDouble() * 0.7))).Order().ToList();
        var kills = 0;

        var next = new int[FocalPoints];          // the step each person is waiting on
        var lastTotal = 0;
        var lastMove = DateTime.UtcNow;
        var seenMarkers = new HashSet<(int, string)>();
        var resent = 0;
        var errors = 0;
        var acknowledged = 0;
        var receipts = 0;
        var done = 0;
        var read = 0;
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var nextUpdate = 1_000_000;
        var deliveries = new List<Task>();
        void Send(IReadOnlyList<(long Chat, string Text, int Step)> messages)
        {
            if (!webhook)
            {
                telegram.AddTexts(messages.Select(m => (m.Chat, m.Text)));
                return;
            }
            foreach (var (chat, text, step) in messages)
            {
                var json = FakeTelegramServer.TextUpdateJson(++nextUpdate, chat, text);
                var first = (int)((chat + step) % servers.Count);
                deliveries.Add(DeliverAsync(http, servers, first, json));
                if (random.NextDouble() < Redeliver)
                {
                    deliveries.Add(DeliverAsync(http, servers, (first + 1) % servers.Count, json));
                }
            }
        }

        Send(Enumerable.Range(0, FocalPoints).Select(i => (FirstChat + i, "/dangky " + codes[i], 0)).ToList());
        var stuck = new List<string>();
        while (done < FocalPoints)
        {
            await Task.Delay(25);
            var calls = telegram.Calls;
            var outgoing = new List<(long, string, int)>();
            for (; read < calls.Count; read++)
            {
                var call = calls[read];
                if (call.Method != "sendMessage" || call.ChatId < FirstChat || call.ChatId >= FirstChat + FocalPoints)
                {
                    continue;
                }

                var person = (int)(call.ChatId - FirstChat);
                var text = call.Text;
                if (text.Contains("Xin lỗi", StringComparison.Ordinal) || text.Contains("sự cố", StringComparison.Ordinal))
                {
                    errors++;
                    Log($"error reply to {person} at step {next[person]}: {text}");
                }

                var marker = Marker(text);
                if (marker is not null && !seenMarkers.Add((person, marker)))
                {
                    resent++; // the same step's reply again: sent, then the process died before the update was marked done
                    continue;
                }

                if (next[person] >= steps || marker != Expected(next[person]))
                {
                    continue;
                }

                if (marker.StartsWith("Câu ", StringComparison.Ordinal) && next[person] > 1 || marker == "Tóm tắt")
                {
                    acknowledged++;
                }

                next[person]++;
                if (next[person] == steps)
                {
                    receipts++;
                    done++;
                }
                else
                {
                    outgoing.Add((FirstChat + person, script[next[person] - 1], next[person]));
                }
            }

            if (outgoing.Count > 0)
            {
                Send(outgoing);
            }

            var progress = next.Sum();
            if (kills < killAt.Count && progress >= killAt[kills])
            {
                var victim = servers[random.Next(servers.Count)];
                Log($"kill -9 of server {victim.Index} (pid {victim.Pid}) after {progress:N0} of {total:N0} steps, {clock.Elapsed.TotalSeconds:F1} s");
                victim.Kill();
                victim.Start();
                kills++;
            }

            // Under a burst a person may wait long for their turn; the run is stuck only when nobody moves for two minutes.
            if (progress > lastTotal)
            {
                lastTotal = progress;
                lastMove = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastMove > TimeSpan.FromMinutes(2))
            {
                stuck.AddRange(Enumerable.Range(0, FocalPoints).Where(i => next[i] < steps)
                    .Select(i => $"focal point {i} stuck at step {next[i]} ('{(next[i] == 0 ? "/dangky" : script[next[i] - 1])}')"));
                break;
            }
        }

        clock.Stop();
        await Task.WhenAll(deliveries);
        var replayed = servers.Sum(s => s.ReplayedFromStore());
        foreach (var server in servers)
        {
            server.Kill();
        }

        var outcome = await ReadBackAsync(database, clock.Elapsed, total, acknowledged, receipts, errors, resent, replayed, kills, stuck);
        Log(outcome.ToString());
        foreach (var line in stuck.Take(10))
        {
            Log(line);
        }
        return outcome;
    }

    /// <summary>Posts an update to a replica's webhook; a replica that is down (killed, restarting) passes it to the next.</summary>
    private static async Task DeliverAsync(HttpClient http, List<ServerProcess> servers, int first, string json)
    {
        for (var attempt = 0; ; attempt++)
        {
            var server = servers[(first + attempt) % servers.Count];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{server.Port}/telegram/webhook")
                {
                    Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", WebhookSecret);
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (attempt > 2000)
            {
                throw new InvalidOperationException("no replica accepted an update");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The marker a reply carries: what shows which step it answers.</summary>
    private static string? Marker(string text)
    {
        if (text.Contains("Số tham chiếu", StringComparison.Ordinal))
        {
            return "Số tham chiếu";
        }
        if (text.Contains("Tóm tắt", StringComparison.Ordinal))
        {
            return "Tóm tắt";
        }
        var at = text.IndexOf("Câu ", StringComparison.Ordinal);
        if (at >= 0)
        {
            var end = text.IndexOf('/', at);
            return end > at ? text[at..end] : null;
        }
        return text.Contains("đầu mối", StringComparison.Ordinal) ? "đầu mối" : null;
    }

    /// <summary>The marker of the reply that completes step <paramref name="step"/> (0 = /dangky, 1 = /baocao, 2..18 = answers, 19 = gửi).</summary>
    private static string Expected(int step) => step switch
    {
        0 => "đầu mối",
        _ when step <= Answers.Length => $"Câu {step}",
        _ when step == Answers.Length + 1 => "Tóm tắt",
        _ => "Số tham chiếu",
    };

    private async Task<Outcome> ReadBackAsync(Dictionary<string, string?> database, TimeSpan elapsed, int messages, int acknowledged,
        int receipts, int errors, int resent, int replayed, int kills, List<string> stuck)
    {
        await using var provider = Core(database);
        await using var db = await provider.GetRequiredService<ReportingDatabase>().OpenAsync();
        var rows = await db.Answers.CountAsync();
        var reports = await db.Reports.Select(r => new { r.Id, r.Revision, r.Status }).ToListAsync();
        var answers = await db.Answers.Select(a => new { a.ReportId, a.QuestionKey, a.Value }).ToListAsync();
        var valueSets = answers.GroupBy(a => a.ReportId)
            .Select(g => string.Join("|", g.OrderBy(a => a.QuestionKey, StringComparer.Ordinal).Select(a => a.QuestionKey + "=" + a.Value)))
            .Distinct().Count();
        return new Outcome(FocalPoints, kills, elapsed, messages, acknowledged, rows, FocalPoints * Answers.Length, valueSets,
            reports.Select(r => r.Revision).Distinct().Count(), reports.Count(r => r.Status == ReportStatus.Submitted), receipts, errors,
            resent, replayed, stuck);
    }

    private static ServiceProvider Core(Dictionary<string, string?> database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(database)
        {
            ["Reporting:SeedSampleDirectory"] = "false",
            ["Knowledge:Watch"] = "false",
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddAssistantCore(configuration)
            .BuildServiceProvider();
    }

    /// <summary>Units BENCH-00000… (public primary schools) and one focal-point invite each.</summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(Dictionary<string, string?> database, int count)
    {
        await using var provider = Core(database);
        await using (var db = await provider.GetRequiredService<ReportingDatabase>().OpenAsync())
        {
            var communes = Enumerable.Range(1, Math.Max(1, count / 20))
                .Select(c => new Commune { Code = $"FX{c:D3}", Name = $"Xã Thử Nghiệm {c}", IsSample = true }).ToList();
            db.Communes.AddRange(communes);
            db.Units.AddRange(Enumerable.Range(0, count).Select(i => new Unit
            {
                Code = $"FAULT-{i:D5}",
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
            codes[i] = (await directory.CreateInvitesAsync(Caller.System("faults"), $"FAULT-{i:D5}", Role.FocalPoint, 1))[0].Code;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return codes;
    }

    /// <summary>The real server as a child process (`dotnet DtsAssistant.Bot.dll`), logging to a file in the run's folder.</summary>
    private sealed class ServerProcess(string folder, int index, string telegramUrl, Dictionary<string, string?> database, bool webhook)
    {
        private Process? _process;
        private int _starts;

        public int Index => index;

        /// <summary>A fixed port, so a restarted replica is found at the same address.</summary>
        public int Port { get; } = FreePort();

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        public int Pid => _process?.Id ?? 0;

        private string LogFile => Path.Combine(folder, $"server-{index}.log");

        public void Start()
        {
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DtsAssistant.Bot.dll"));
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add($"http://127.0.0.1:{Port}");
            var settings = new Dictionary<string, string?>(database)
            {
                ["Telegram:BotToken"] = FakeTelegramServer.Token,
                ["Telegram:ApiBaseUrl"] = telegramUrl,
                ["Telegram:PollTimeoutSeconds"] = "1",
                ["Channels:StatePath"] = Path.Combine(folder, $"channels-{index}.db"),
                ["Reporting:SeedSampleDirectory"] = "false",
                ["Reporting:FormsFolder"] = Path.Combine(folder, "forms"),
                ["Knowledge:Watch"] = "false",
                ["Knowledge:Path"] = KnowledgeFolder(),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:DtsAssistant.Bot.Conversation.State"] = "Information",
                ["Logging:Console:FormatterName"] = "simple",
                ["Telegram:WebhookUrl"] = webhook ? "https://replicas.invalid/telegram/webhook" : null,
                ["Telegram:WebhookSecret"] = webhook ? WebhookSecret : null,
            };
            foreach (var (key, value) in settings.Where(s => s.Value is not null))
            {
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
            var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
            log.WriteLine($"=== start {++_starts} (pid {_process.Id})");
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        /// <summary>How many updates the server answered from their stored replies (its log line per replay).</summary>
        public int ReplayedFromStore() =>
            File.Exists(LogFile) ? File.ReadLines(LogFile).Count(l => l.Contains("sending its stored replies again", StringComparison.Ordinal)) : 0;

        private static string KnowledgeFolder()
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
}
