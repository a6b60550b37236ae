using System.Globalization;
using DtsAssistant.Bot.Tests.Channels.Faults;

namespace DtsAssistant.Bench;

/// <summary>
/// `faults [--focal-points N] [--kills K] [--seed S] [--postgres CONN] [--replicas R]`: N focal points (default 2,000)
/// file a whole monthly report at once through the fake Telegram Bot API over HTTP while the server process is killed
/// with SIGKILL K times (default 1) at random moments and restarted. Prints the figures; exits 1 when an answer was lost,
/// applied twice, a conversation did not reach its receipt, or anyone got an error reply.
/// </summary>
internal static class FaultsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dts-bench-faults-" + Guid.NewGuid().ToString("N")[..8]);
        var run = new FilingUnderFaults
        {
            FocalPoints = IntOption(args, "--focal-points", 2000),
            Kills = IntOption(args, "--kills", 1),
            Seed = IntOption(args, "--seed", Random.Shared.Next(1, int.MaxValue)),
            Postgres = Option(args, "--postgres"),
            Replicas = IntOption(args, "--replicas", 1),
        };
        Console.WriteLine($"faults: {run.FocalPoints} focal points, {run.Kills} kill -9, seed {run.Seed}, "
                          + $"{(run.Postgres is null ? "SQLite" : "PostgreSQL")}, {run.Replicas} server process(es); logs in {folder}");
        var outcome = await run.RunAsync(folder);
        Console.WriteLine(outcome.Holds ? "result: OK" : "result: FAILED");
        if (outcome.Holds && !args.Contains("--keep"))
        {
            Directory.Delete(folder, recursive: true);
        }
        return outcome.Holds ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
