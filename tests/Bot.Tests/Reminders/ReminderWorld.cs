using System.Collections.Concurrent;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Reminders;
using DtsAssistant.Reporting;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Reminders;

/// <summary>A channel that records what it was asked to send (the Telegram path itself is tested against the fake Bot API).</summary>
internal sealed class RecordingChannel(string channel = "telegram") : IReminderChannel
{
    public ConcurrentQueue<(string UserId, Reply Reply)> Sent { get; } = new();

    public HashSet<string> Blocked { get; } = [];

    public string Channel => channel;

    public bool CanReach(string userId) => !Blocked.Contains(userId);

    public Task SendAsync(string userId, Reply reply, CancellationToken cancellationToken)
    {
        Sent.Enqueue((userId, reply));
        return Task.CompletedTask;
    }
}

/// <summary>
/// One "process": the real reporting services on a database (SQLite file or PostgreSQL), a fake clock, a recording
/// channel and the dispatcher. Two worlds on one connection string are two processes sharing the database.
/// </summary>
internal sealed class ReminderWorld : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ReminderWorld(string provider, string connectionString, DateTimeOffset now, params IReminderChannel[] channels)
    {
        Clock = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Reporting:SeedSampleDirectory"] = "false",
            ["Reporting:FormsFolder"] = Path.Combine(Path.GetTempPath(), "dts-no-forms"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddReporting(configuration);
        Channel = channels.Length > 0 ? (channels[0] as RecordingChannel) : new RecordingChannel();
        IReminderChannel[] all = channels.Length > 0 ? channels : [Channel!];
        foreach (var channel in all)
        {
            services.AddSingleton(channel);
        }

        services.AddSingleton<ReminderDispatcher>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<ReminderCommands>();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public RecordingChannel? Channel { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ReminderDispatcher Dispatcher => Get<ReminderDispatcher>();

    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, VietnamTime.Offset);

    /// <summary>A commune with three schools (one with a phone number) and a THPT reporting to the Sở.</summary>
    public async Task SeedAsync()
    {
        UnitRow[] rows =
        [
            new(2, "MN-VQ", "Trường Mầm non Vĩnh Quý", "MN", "Công lập", "X-VQ", "Xã Vĩnh Quý", Phone: "0229 3000 111"),
            new(3, "TH-VQ", "Trường Tiểu học Vĩnh Quý", "TH", "Công lập", "X-VQ", "Xã Vĩnh Quý"),
            new(4, "THCS-VQ", "Trường THCS Vĩnh Quý", "THCS", "Công lập", "X-VQ", "Xã Vĩnh Quý"),
            new(5, "THPT-VQ", "Trường THPT Vĩnh Quý", "THPT", "Công lập", "X-VQ", "Xã Vĩnh Quý"),
        ];
        var result = await Get<UnitImporter>().ImportRowsAsync(Caller.System("test"), rows, acceptValid: false);
        Assert.True(result.Imported);
    }

    /// <summary>Binds a chat identity through a real invite code.</summary>
    public async Task<Caller> BindAsync(string userId, Role role, string scope, string name, string channel = "telegram")
    {
        var directory = Get<IDirectoryService>();
        var invite = (await directory.CreateInvitesAsync(Caller.System("test"), scope, role)).Single();
        var bound = await directory.RedeemInviteAsync(channel, userId, name, invite.Code);
        return bound.Caller!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
    }
}
