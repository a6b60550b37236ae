using System.Collections.Concurrent;
using System.Text;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Knowledge.Answering;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The real server (AssistantHost) on 127.0.0.1 with a random port and its own state folder.</summary>
internal sealed class ChannelTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChannelTestHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="folder">The data folder; reuse it to simulate a restart.</param>
    /// <param name="engine">A scripted engine for channel mechanics, or null for the real conversation core.</param>
    public static async Task<ChannelTestHost> StartAsync(string folder, IDictionary<string, string?> settings, IConversationEngine? engine,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Channels:StatePath"] = Path.Combine(folder, "channels.db"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DtsAssistant"] = "Warning",
        };
        foreach (var (key, value) in TestData.CoreSettings(folder))
        {
            all.TryAdd(key, value);
        }
        var app = AssistantHost.Build(["--urls", "http://127.0.0.1:0"], c => c.AddInMemoryCollection(all), s =>
        {
            if (engine is not null)
            {
                s.RemoveAll<IConversationEngine>();
                s.AddSingleton(engine);
            }
            services?.Invoke(s);
        });
        await app.StartAsync();
        return new ChannelTestHost(app, app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Settings and temp folders shared by the channel tests.</summary>
internal static class TestData
{
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dts-channels-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Where the real core keeps its data during a test (each test its own folder).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> CoreSettings(string folder) =>
    [
        new("Database:Provider", "Sqlite"),
        new("Database:ConnectionString", $"Data Source={Path.Combine(folder, "dts.db")};Pooling=True;Default Timeout=30"),
        new("Reporting:FormsFolder", Path.Combine(folder, "forms")),
        new("Knowledge:Watch", "false"),
    ];
}

/// <summary>
/// A scripted conversation core for channel mechanics that the real core cannot be made to produce on demand
/// (a 9,000-character reply, a file, a slow answer). Conversations through the real core are in RealCoreChannelTests.
/// </summary>
internal sealed class ScriptedEngine : IConversationEngine
{
    public const string LongText = "dài";
    public const string ChoiceText = "chọn";
    public const string FileText = "tệp";
    public const string PictureText = "biểu đồ";

    /// <summary>Longer than 64 bytes in UTF-8 on purpose: it must not travel in callback_data.</summary>
    public const string LongButtonData = "filing:answer:ke_hoach_cds:có-đã-ban-hành-kế-hoạch-chuyển-đổi-số-năm-học";

    public ConcurrentQueue<IncomingMessage> Received { get; } = new();

    public TimeSpan Delay { get; set; }

    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        Received.Enqueue(message);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, CancellationToken.None);
        }
        if (message.ButtonData is { } data)
        {
            return [new Reply($"Đã nhận lựa chọn: {data}")];
        }
        return message.Text switch
        {
            LongText => [new Reply(LongReply(), Citations: [new Citation("Kế hoạch 27/KH-SGDĐT", "Mục V.3", "trước ngày 20 hằng tháng")])],
            ChoiceText => [new Reply("Đơn vị đã ban hành kế hoạch CĐS chưa?",
                [[new ReplyButton("Có", LongButtonData), new ReplyButton("Chưa", "filing:answer:ke_hoach_cds:chưa")]])],
            FileText => [new Reply("Tệp tổng hợp đây.", File: new ReplyFile("tong-hop.csv", "text/csv", Encoding.UTF8.GetBytes("don_vi,trang_thai\nA,da_nop\n")))],
            PictureText => [new Reply("Biểu đồ đây.", File: new ReplyFile("bieudo.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))],
            _ => [new Reply($"Trả lời: {message.Text}")],
        };
    }

    /// <summary>Three long paragraphs with characters HTML must escape.</summary>
    public static string LongReply()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Tỷ lệ <80%> & chỉ tiêu \"CĐS\" của đơn vị. ", 75));
        return string.Join("\n\n", Enumerable.Range(1, 3).Select(i => $"Đoạn {i}: {paragraph}"));
    }
}
