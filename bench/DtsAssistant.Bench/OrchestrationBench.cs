using System.Diagnostics;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Reporting.Directory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bench;

/// <summary>
/// `orchestration`: what one Kernel per turn costs. The same questions answered by the knowledge answerer directly and
/// by the deterministic planner (a kernel with its plugins built per turn, the answer function invoked through it).
/// </summary>
internal static class OrchestrationBench
{
    private static readonly string[] Questions =
    [
        "Ai chủ trì nhiệm vụ Văn bằng số?", "Hạn báo cáo quý là khi nào?", "Tỷ lệ giáo viên có chữ ký số cần đạt?",
        "mat khau can dat the nao", "Chỉ tiêu IPv6 hoàn thành khi nào?", "UBND xã có trách nhiệm gì?",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Watch"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddKnowledge(configuration).AddOrchestration(configuration);
        await using var provider = services.BuildServiceProvider();
        var answerer = provider.GetRequiredService<IKnowledgeAnswerer>();
        var planner = provider.GetRequiredService<IAssistantPlanner>();
        var caller = Caller.Anonymous("bench:1");

        const int rounds = 50;
        foreach (var q in Questions)
        {
            answerer.Ask(q);
            await planner.AnswerAsync(new AssistantQuestion(caller, q), CancellationToken.None);
        }

        var direct = new List<double>();
        var planned = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var q in Questions)
            {
                var watch = Stopwatch.StartNew();
                answerer.Ask(q);
                direct.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await planner.AnswerAsync(new AssistantQuestion(caller, q), CancellationToken.None);
                planned.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{direct.Count} answers each, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        Console.WriteLine($"knowledge answerer directly:  median {Percentile(direct, 0.5):F2} ms, p95 {Percentile(direct, 0.95):F2} ms");
        Console.WriteLine($"deterministic planner (kernel per turn): median {Percentile(planned, 0.5):F2} ms, p95 {Percentile(planned, 0.95):F2} ms");
        Console.WriteLine($"kernel-per-turn overhead: median {Percentile(planned, 0.5) - Percentile(direct, 0.5):F2} ms");
        return 0;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
