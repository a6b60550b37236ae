using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Evaluation;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bench;

/// <summary>
/// `knowledge [--questions file.jsonl]... [--chunks N] [--check]`: index build time of the real knowledge base
/// (documents → facts → index), in-process ask latency side by side with Lucene.Net (BM25, StandardAnalyzer) over the
/// same chunks and the same questions in the same run, and search/answer latency on a synthetic corpus of N chunks
/// (default 100,000; 0 skips it) made from the knowledge base's own text. Prints whether issue 13's targets are met;
/// with --check a missed target exits 1.
/// </summary>
internal static class KnowledgeBench
{
    // Targets of issue 13: ask p50 at most this fraction of Lucene's p50, ask p95 and index build under these.
    private const double AskToLuceneP50Target = 0.3;
    private const double AskP95TargetMs = 1.0;
    private const double BuildTargetMs = 200;

    // Questions of every kind, written for the benchmark (not the eval sets; --questions adds those as data).
    private static readonly string[] OwnQuestions =
    [
        "Ai chủ trì nhiệm vụ Văn bằng số?", "Hạn báo cáo tháng này còn mấy ngày?", "GV phổ thông có CKS phải đạt bao nhiêu?",
        "mat khau can dat the nao", "Chỉ tiêu IPv6 hoàn thành khi nào?", "Bộ chỉ số CĐS mầm non là quyết định nào?",
        "UBND xã có trách nhiệm gì?", "Kho học liệu số do phòng nào chủ trì?", "Khung năng lực số có mấy miền?",
        "Giá vàng hôm nay?", "Doanh nghiệp có được tiếp cận dữ liệu cá nhân không?", "Báo cáo quý nộp khi nào?",
        "thu hoc phi khong dung tien mat", "Luật bảo vệ dữ liệu cá nhân hiệu lực khi nào?", "Ai ký kế hoạch 27?",
        "Cần làm gì với tệp đính kèm thư điện tử?", "100% học sinh THCS được trang bị kỹ năng số?", "TTHC do ai chủ trì cắt giảm?",
        "Kinh phí thực hiện từ đâu?", "Học bạ số tiểu học theo công văn nào?", "chào ad, hôm nay thế nào",
        "Chỉ tiêu số 6 ai theo dõi?", "nhiem vu 7 phu luc 2 lam den bao gio", "Phòng Tài chính chủ trì những việc gì?",
        "Trường THPT gửi báo cáo về đâu?", "Bao nhiêu phần trăm cán bộ Sở phải có kỹ năng số?", "sao lưu dữ liệu bao lâu một lần",
        "Chuyển đổi số quốc gia có ngày riêng không?", "Cơ sở dữ liệu ngành do ai cấp mã định danh?", "Tiền điện tháng này bao nhiêu?",
    ];

    public static Task<int> RunAsync(string[] args)
    {
        var chunkCount = 100_000;
        var check = false;
        var questions = new List<string>(OwnQuestions);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--chunks" when i + 1 < args.Length:
                    chunkCount = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--questions" when i + 1 < args.Length:
                    questions.AddRange(EvalQuestionFile.Read(args[++i]).Where(e => e.Question is not null).Select(e => e.Question!.Question));
                    break;
                case "--check":
                    check = true;
                    break;
                default:
                    Console.WriteLine("usage: knowledge [--questions file.jsonl]... [--chunks N] [--check]");
                    return Task.FromResult(2);
            }
        }

        var folder = KnowledgeBaseLocator.Locate(Environment.GetEnvironmentVariable("Knowledge__Path"));

        // Other work on the machine inflates wall-clock tails; the load average and CPU time put the figures in context.
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        }

        // 1. Index build of the real knowledge base (read, chunk, compile facts, analyse, index).
        _ = KnowledgeIndex.Load(folder);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var builds = Enumerable.Range(0, 5).Select(_ => Time(() => KnowledgeIndex.Load(folder))).ToList();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / builds.Count;
        var index = KnowledgeIndex.Load(folder);
        Console.WriteLine($"knowledge base: {index.Documents.Count} documents, {index.Chunks.Count} chunks, {index.Index.TermCount} terms");
        Console.WriteLine($"index build (documents → facts → index): median {Median(builds):F1} ms, min {builds.Min():F1} ms wall; {cpu:F1} ms CPU per build (after one JIT warm-up build)");

        // 2. Lucene.Net over the same chunks.
        new LuceneBaseline(index.Chunks).Dispose();
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var luceneBuilds = Enumerable.Range(0, 5).Select(_ => Time(() => new LuceneBaseline(index.Chunks).Dispose())).ToList();
        var luceneCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / luceneBuilds.Count;
        using var lucene = new LuceneBaseline(index.Chunks);
        Console.WriteLine($"Lucene.Net index of the same {lucene.DocumentCount} chunks: median {Median(luceneBuilds):F1} ms wall; {luceneCpu:F1} ms CPU per build (chunks given; no reading or chunking)");

        // 3. ask and Lucene's search on the same questions, interleaved so that load on the machine hits both alike.
        var holder = new KnowledgeIndexHolder(Options.Create(new KnowledgeOptions { Path = folder }), NullLogger<KnowledgeIndexHolder>.Instance);
        IKnowledgeAnswerer answerer = new KnowledgeAnswerer(holder, TimeProvider.System);
        var (ask, search) = MeasurePair(questions, q => answerer.Ask(q), q => lucene.Search(q), warmUp: 500, runs: Math.Max(4000, questions.Count * 20));
        Console.WriteLine($"questions: {questions.Count} ({OwnQuestions.Length} own{(questions.Count > OwnQuestions.Length ? ", the rest from --questions files" : string.Empty)})");
        Console.WriteLine($"ask (in process, warm):          p50 {ask.P50:F3} ms, p95 {ask.P95:F3} ms, max {ask.Max:F3} ms over {ask.Count}");
        Console.WriteLine($"Lucene.Net search top-10 (warm): p50 {search.P50:F3} ms, p95 {search.P95:F3} ms, max {search.Max:F3} ms over {search.Count}");
        Console.WriteLine($"ratio ask / Lucene: p50 {ask.P50 / search.P50:F2}×, p95 {ask.P95 / search.P95:F2}×");
        var (askCpu, searchCpu) = (CpuPerCall(questions, q => answerer.Ask(q)), CpuPerCall(questions, q => lucene.Search(q)));
        Console.WriteLine($"mean CPU per call (less sensitive to load): ask {askCpu:F3} ms, Lucene {searchCpu:F3} ms, ratio {askCpu / searchCpu:F2}×");
        var slowest = questions.Distinct().Select(q => (q, Median: Enumerable.Range(0, 21).Select(_ => Time(() => answerer.Ask(q))).Order().ElementAt(10))).OrderByDescending(x => x.Median).Take(3);
        Console.WriteLine($"slowest questions (median): {string.Join("; ", slowest.Select(x => $"{x.q} {x.Median:F2} ms"))}");

        var targets = new (string Name, bool Met, string Figure)[]
        {
            ($"ask p50 ≤ {AskToLuceneP50Target}× Lucene p50", ask.P50 <= AskToLuceneP50Target * search.P50, $"{ask.P50 / search.P50:F2}×"),
            ($"ask p95 ≤ {AskP95TargetMs} ms", ask.P95 <= AskP95TargetMs, $"{ask.P95:F3} ms"),
            ($"index build < {BuildTargetMs} ms", Median(builds) < BuildTargetMs, $"{Median(builds):F1} ms"),
        };
        foreach (var (name, met, figure) in targets)
        {
            Console.WriteLine($"target {name}: {(met ? "met" : "NOT MET")} ({figure})");
        }

        if (chunkCount > 0)
        {
            Synthetic(index, chunkCount, questions);
        }

        return Task.FromResult(check && targets.Any(t => !t.Met) ? 1 : 0);
    }

    /// <summary>Windows of the knowledge base's own syllables, so term statistics look like real text.</summary>
    private static void Synthetic(KnowledgeIndex index, int chunkCount, List<string> questions)
    {
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

        var today = VietnamTime.Today(TimeProvider.System);
        var (search, answers) = MeasurePair(questions, q => large.Search(large.Analyzer.AnalyzeQuery(q), 10), q => new AnswerComposer(large, today).Answer(q), warmUp: 100, runs: 1000);
        Console.WriteLine($"search top-10 at {chunkCount:N0} chunks: p50 {search.P50:F2} ms, p95 {search.P95:F2} ms");
        Console.WriteLine($"ask at {chunkCount:N0} chunks: p50 {answers.P50:F2} ms, p95 {answers.P95:F2} ms");
    }

    private static double Time(Action<string> action, string question)
    {
        var started = Stopwatch.GetTimestamp();
        action(question);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Process CPU time per call over 20 passes of the questions (GC threads included).</summary>
    private static double CpuPerCall(List<string> questions, Action<string> action)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < 20 * questions.Count; i++)
        {
            action(questions[i % questions.Count]);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / (20 * questions.Count);
    }

    private sealed record Latency(double P50, double P95, double Max, int Count);

    /// <summary>
    /// Times two actions on the same questions after a warm-up of at least <paramref name="warmUp"/> calls each that
    /// lasts until the JIT has compiled no new method for a second (tiered compilation recompiles hot code at full
    /// optimisation in the background, which takes several seconds on two cores): a server answers in that steady
    /// state, and neither side is timed half-compiled.
    /// </summary>
    private static (Latency First, Latency Second) MeasurePair(List<string> questions, Action<string> first, Action<string> second, int warmUp, int runs)
    {
        var warming = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < warmUp || (quiet.Elapsed < TimeSpan.FromSeconds(1) && warming.Elapsed < TimeSpan.FromSeconds(30)); i++)
        {
            first(questions[i % questions.Count]);
            second(questions[i % questions.Count]);
            if (i % questions.Count == 0 && System.Runtime.JitInfo.GetCompiledMethodCount() is var now && now != compiled)
            {
                (compiled, quiet) = (now, Stopwatch.StartNew());
            }
        }

        Console.WriteLine($"warm-up: {warming.Elapsed.TotalSeconds:F1} s until the JIT was quiet for 1 s");

        // Alternate blocks of a thousand calls: load on the machine still hits both alike over the run, and each is timed
        // in its steady state rather than right after the other has filled the caches and the young generation.
        const int Block = 1000;
        var a = new double[runs];
        var b = new double[runs];
        for (var start = 0; start < runs; start += Block)
        {
            var end = Math.Min(runs, start + Block);
            for (var i = start; i < end; i++)
            {
                a[i] = Time(first, questions[i % questions.Count]);
            }

            for (var i = start; i < end; i++)
            {
                b[i] = Time(second, questions[i % questions.Count]);
            }
        }

        return (Percentiles(a), Percentiles(b));
    }

    private static Latency Percentiles(double[] samples)
    {
        Array.Sort(samples);
        return new Latency(samples[samples.Length / 2], samples[(int)(samples.Length * 0.95)], samples[^1], samples.Length);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
