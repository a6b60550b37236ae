using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bench;

/// <summary>
/// `knowledge [--chunks N]`: index build time of the real knowledge base, in-process ask latency after warm-up, and
/// search/answer latency on a synthetic corpus of N chunks (default 100,000) made from the knowledge base's own text.
/// </summary>
internal static class KnowledgeBench
{
    // Questions of every kind, written for the benchmark (not the eval set).
    private static readonly string[] Questions =
    [
        "Ai chủ trì nhiệm vụ Văn bằng số?", "Hạn báo cáo tháng này còn mấy ngày?", "Tỷ lệ GV có CKS cần đạt?",
        "mat khau can dat the nao", "Chỉ tiêu IPv6 hoàn thành khi nào?", "Bộ chỉ số CĐS mầm non là quyết định nào?",
        "UBND xã có trách nhiệm gì?", "Kho học liệu số do phòng nào chủ trì?", "Khung năng lực số có mấy miền?",
        "Giá vàng hôm nay?", "Doanh nghiệp có được tiếp cận dữ liệu cá nhân không?", "Báo cáo quý nộp khi nào?",
        "thu hoc phi khong dung tien mat", "Luật bảo vệ dữ liệu cá nhân hiệu lực khi nào?", "Ai ký kế hoạch 27?",
        "Cần làm gì với tệp đính kèm thư điện tử?", "100% học sinh THCS được trang bị kỹ năng số?", "TTHC do ai chủ trì cắt giảm?",
        "Kinh phí thực hiện từ đâu?", "Học bạ số tiểu học theo công văn nào?",
    ];

    public static Task<int> RunAsync(string[] args)
    {
        var chunkCount = args.Length >= 2 && args[0] == "--chunks" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var folder = KnowledgeBaseLocator.Locate(Environment.GetEnvironmentVariable("Knowledge__Path"));

        // Other work on the machine inflates wall-clock tails; the load average and CPU time put the figures in context.
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        }

        // 1. Index build of the real knowledge base (read, chunk, analyse, index).
        _ = KnowledgeIndex.Load(folder);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var builds = Enumerable.Range(0, 5).Select(_ => Time(() => KnowledgeIndex.Load(folder))).ToList();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / builds.Count;
        var index = KnowledgeIndex.Load(folder);
        Console.WriteLine($"knowledge base: {index.Documents.Count} documents, {index.Chunks.Count} chunks, {index.Index.TermCount} terms");
        Console.WriteLine($"index build: median {Median(builds):F1} ms, min {builds.Min():F1} ms wall; {cpu:F1} ms CPU per build (after one JIT warm-up build)");

        // 2. ask in process, after warm-up.
        var holder = new KnowledgeIndexHolder(Options.Create(new KnowledgeOptions { Path = folder }), NullLogger<KnowledgeIndexHolder>.Instance);
        IKnowledgeAnswerer answerer = new KnowledgeAnswerer(holder, TimeProvider.System);
        var ask = Measure(q => answerer.Ask(q), warmUp: 500, runs: 4000);
        Console.WriteLine($"ask (in process, warm): p50 {ask.P50:F3} ms, p95 {ask.P95:F3} ms, max {ask.Max:F3} ms over {ask.Count} asks");
        var slowest = Questions.Select(q => (q, Median: Enumerable.Range(0, 21).Select(_ => Time(() => answerer.Ask(q))).Order().ElementAt(10))).OrderByDescending(x => x.Median).Take(3);
        Console.WriteLine($"slowest questions (median): {string.Join("; ", slowest.Select(x => $"{x.q} {x.Median:F2} ms"))}");

        // 3. Synthetic corpus: windows of the knowledge base's own syllables, so term statistics look like real text.
        var words = index.Chunks.SelectMany(c => c.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var random = new Random(27);
        var document = new DocumentInfo("synthetic", "Văn bản", "0/TH", "Kho tổng hợp", "Sở GDĐT", "1/1/2026", null, null, "synthetic", "", Authority.Verbatim, "synthetic");
        var chunks = new List<KnowledgeChunk>(chunkCount);
        for (var i = 0; i < chunkCount; i++)
        {
            var length = random.Next(30, 70);
            var start = random.Next(0, words.Length - length);
            var text = string.Join(' ', words, start, length);
            chunks.Add(new KnowledgeChunk($"synthetic#{i}", document, $"mục {i}", "Mục tổng hợp", Authority.Verbatim, text, text, null));
        }

        var memoryBefore = GC.GetTotalMemory(true);
        var stopwatch = Stopwatch.StartNew();
        var large = KnowledgeIndex.FromChunks(chunks, index.Analyzer.Glossary);
        stopwatch.Stop();
        Console.WriteLine($"synthetic corpus: {chunkCount:N0} chunks, {large.Index.TermCount:N0} terms, built in {stopwatch.Elapsed.TotalSeconds:F1} s, ~{(GC.GetTotalMemory(true) - memoryBefore) / 1_048_576} MB");

        var search = Measure(q => large.Search(large.Analyzer.AnalyzeQuery(q), 10), warmUp: 100, runs: 1000);
        Console.WriteLine($"search top-10 at {chunkCount:N0} chunks: p50 {search.P50:F2} ms, p95 {search.P95:F2} ms");
        var today = VietnamTime.Today(TimeProvider.System);
        var answers = Measure(q => new AnswerComposer(large, today).Answer(q), warmUp: 100, runs: 1000);
        Console.WriteLine($"ask at {chunkCount:N0} chunks: p50 {answers.P50:F2} ms, p95 {answers.P95:F2} ms");
        return Task.FromResult(0);
    }

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static (double P50, double P95, double Max, int Count) Measure(Action<string> action, int warmUp, int runs)
    {
        for (var i = 0; i < warmUp; i++)
        {
            action(Questions[i % Questions.Length]);
        }

        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var question = Questions[i % Questions.Length];
            samples[i] = Time(() => action(question));
        }

        Array.Sort(samples);
        return (samples[runs / 2], samples[(int)(runs * 0.95)], samples[^1], runs);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
