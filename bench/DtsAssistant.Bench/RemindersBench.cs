using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Bot.Channels;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Reminders;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.Logging.Abstractions;

namespace DtsAssistant.Bench;

/// <summary>
/// `reminders [--people 2000] [--runs 5] [--postgres "&lt;cs of an empty db&gt;"]`: the sample directory with N bound focal
/// points, none filed; times one reminder run at the morning of the "upcoming" reminder — plan, claim in the sent log,
/// and queue every message on a Telegram-like outgoing queue (30/s bulk; the queue's clock stands still, so nothing is
/// delivered and only planning and queueing are timed). Target: under 1 s for 2,000 focal points. Each run uses a
/// fresh period so the claims are new.
/// </summary>
internal static class RemindersBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var people = int.Parse(Option(args, "--people") ?? "2000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres");
        var folder = Directory.CreateTempSubdirectory("dts-bench-");
        try
        {
            using var database = postgres is null
                ? new ReportingDatabase(DatabaseProvider.Sqlite, ReportingDatabase.DefaultSqliteConnectionString(folder.FullName))
                : new ReportingDatabase(DatabaseProvider.Postgres, postgres);
            await database.MigrateAsync();
            var clock = new StillClock(new DateTimeOffset(2026, 1, 1, 9, 0, 0, VietnamTime.Offset));
            await new UnitImporter(database, clock).ImportRowsAsync(Caller.System("bench"), SampleDirectory.Generate(), acceptValid: false, markSample: true);
            await BindFocalPointsAsync(database, people, clock.GetUtcNow());
            Console.WriteLine($"reminders bench: {database.Provider}, {people} focal points, {runs} runs");

            var schedule = new ReportingSchedule(clock);
            var planner = new ReminderPlanner(database, schedule, new DirectoryService(database, clock));
            var store = new ReminderStore(database);
            var samples = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                await using var queue = new OutgoingQueue("telegram", new RateLimits(), clock, NullLogger.Instance);
                var channel = new QueueChannel(queue);
                var dispatcher = new ReminderDispatcher(planner, store, [channel], NullLogger<ReminderDispatcher>.Instance);
                var month = Period.Month(2026, 1 + run);
                var at = schedule.RemindersFor(month).First(r => r.Kind == ReminderKind.Upcoming).At;
                var planWatch = Stopwatch.StartNew();
                var plannedOnly = await planner.PlanAsync(at);
                var planMs = planWatch.Elapsed.TotalMilliseconds;
                var watch = Stopwatch.StartNew();
                var result = await dispatcher.RunOnceAsync(at);
                watch.Stop();
                if (result.Claimed < people || channel.Queued < people)
                {
                    Console.WriteLine($"check failed: {result.Claimed} claimed, {channel.Queued} queued of {people}");
                    return 1;
                }

                // The first run pays for JIT and EF's first queries.
                if (run > 0)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}{(run == 0 ? " (warm-up)" : "")}: {month.Key} upcoming — {result.Planned} planned, {result.Claimed} claimed, {channel.Queued} queued in {watch.Elapsed.TotalMilliseconds:F0} ms (planning alone {planMs:F0} ms for {plannedOnly.Count})"));
            }

            samples.Sort();
            var median = samples[samples.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plan + claim + queue {people} reminders: median {median:F0} ms, max {samples[^1]:F0} ms   {(median < 1000 ? "OK (< 1 s)" : "over 1 s")}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>N people bound on Telegram as focal points of the sample units (more people than units: two per unit for some).</summary>
    private static async Task BindFocalPointsAsync(ReportingDatabase database, int count, DateTimeOffset at)
    {
        await using var db = await database.OpenAsync();
        var units = db.Units.Where(u => u.Active).OrderBy(u => u.Id).Select(u => u.Id).ToList();
        for (var i = 0; i < count; i++)
        {
            var person = new Person { DisplayName = $"Đầu mối {i + 1}", CreatedAt = at };
            person.Identities.Add(new ChatIdentity { Channel = "telegram", PlatformUserId = (100_000 + i).ToString(CultureInfo.InvariantCulture), BoundAt = at });
            person.Roles.Add(new RoleAssignment { Role = Role.FocalPoint, UnitId = units[i % units.Count], GrantedAt = at });
            db.People.Add(person);
        }

        await database.SaveAsync(db);
    }

    /// <summary>Puts each reminder on the outgoing queue as a bulk message; counts what was queued.</summary>
    private sealed class QueueChannel(OutgoingQueue queue) : IReminderChannel
    {
        private int _queued;

        public int Queued => Volatile.Read(ref _queued);

        public string Channel => "telegram";

        public bool CanReach(string userId) => true;

        public Task SendAsync(string userId, Reply reply, CancellationToken cancellationToken)
        {
            var text = ReplyText.Render(reply, html: true);
            var sent = queue.SendAsync(userId, SendKind.Bulk, _ => Task.CompletedTask, cancellationToken);
            Interlocked.Increment(ref _queued);
            return text.Length > 0 ? sent : Task.CompletedTask;
        }
    }

    private sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
