using DtsAssistant.Bot.Cli;
using DtsAssistant.Bot.Reminders;
using DtsAssistant.Bot.Tests.Conversation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static DtsAssistant.Bot.Tests.Reminders.ReminderWorld;

namespace DtsAssistant.Bot.Tests.Reminders;

/// <summary>Reminders and digests as they go out: texts, buttons, mute, restarts, two processes, the hosted service.</summary>
public sealed class ReminderDispatchTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dts-reminders-" + Guid.NewGuid().ToString("N")[..12]);

    public ReminderDispatchTests() => Directory.CreateDirectory(_folder);

    private string Sqlite => $"Data Source={Path.Combine(_folder, "dts.db")};Pooling=True;Default Timeout=30";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_focal_point_gets_the_reminder_with_a_button_to_file_and_the_officer_a_digest_with_names_and_phone()
    {
        await using var world = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 1));
        await world.SeedAsync();
        await world.BindAsync("101", Role.FocalPoint, "MN-VQ", "Cô Lan");
        await world.BindAsync("201", Role.CommuneOfficer, "X-VQ", "Anh Quý");

        var upcoming = await world.Dispatcher.RunOnceAsync(Local(2025, 11, 15, 8));
        Assert.Equal(1, await upcoming.Delivered);
        var (user, reply) = Assert.Single(world.Channel!.Sent);
        Assert.Equal("101", user);
        Assert.Contains("tháng 11/2025", reply.Text);
        Assert.Contains("Trường Mầm non Vĩnh Quý", reply.Text);
        Assert.Contains("trước ngày 20/11/2025", reply.Text);
        Assert.Contains("/tatnhacnho", reply.Text);
        Assert.Equal("cmd:baocao", reply.ButtonRows.Single().Single().Data);

        var digest = await world.Dispatcher.RunOnceAsync(Local(2025, 11, 18, 8));
        Assert.Equal(1, await digest.Delivered);
        var (officer, text) = world.Channel.Sent.Last();
        Assert.Equal("201", officer);
        Assert.Contains("Đã nộp 0/3 đơn vị", text.Text);
        Assert.Contains("Trường Mầm non Vĩnh Quý — đầu mối: Cô Lan, ĐT 0229 3000 111", text.Text);
        Assert.Contains("Trường THCS Vĩnh Quý — chưa có đầu mối đăng ký", text.Text);
        Assert.DoesNotContain("THPT", text.Text);
        Assert.Equal(["st:missing:2025-11:X-VQ", "st:export:2025-11:X-VQ"], text.ButtonRows.Single().Select(b => b.Data));
    }

    [Fact]
    public async Task Muted_people_get_nothing_and_unmuting_brings_reminders_back()
    {
        await using var world = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 1));
        await world.SeedAsync();
        var focal = await world.BindAsync("101", Role.FocalPoint, "MN-VQ", "Cô Lan");
        var commands = world.Get<ReminderCommands>();

        Assert.Contains("đã tắt", (await commands.SetAsync(focal, muted: true, default)).Text);
        Assert.Equal(0, (await world.Dispatcher.RunOnceAsync(Local(2025, 11, 15, 8))).Claimed);
        Assert.Contains("đã bật lại", (await commands.SetAsync(focal, muted: false, default)).Text);
        Assert.Equal(1, (await world.Dispatcher.RunOnceAsync(Local(2025, 11, 19, 9))).Claimed);
        Assert.Contains("ngày cuối", world.Channel!.Sent.Single().Reply.Text);
        var anonymous = await commands.SetAsync(Caller.Anonymous("telegram:9"), muted: true, default);
        Assert.Contains("/dangky", anonymous.Text);
    }

    [Fact]
    public async Task After_a_restart_nothing_is_sent_twice_and_a_blocked_chat_falls_back_to_another_channel()
    {
        await using (var first = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 1)))
        {
            await first.SeedAsync();
            var focal = await first.BindAsync("101", Role.FocalPoint, "MN-VQ", "Cô Lan");
            await first.BindAsync("301", Role.FocalPoint, "TH-VQ", "Thầy Hải");
            Assert.Equal(2, await (await first.Dispatcher.RunOnceAsync(Local(2025, 11, 15, 8))).Delivered);
        }

        var telegram = new RecordingChannel("telegram");
        var zalo = new RecordingChannel("zalo");
        telegram.Blocked.Add("301");
        await using var second = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 15, 9), telegram, zalo);
        Assert.Equal(0, (await second.Dispatcher.RunOnceAsync(Local(2025, 11, 15, 9))).Claimed);

        // Thầy Hải also binds Zalo; the last-day reminder goes there because Telegram is blocked.
        await second.BindAsync("zalo-301", Role.FocalPoint, "TH-VQ", "Thầy Hải", channel: "zalo");
        Assert.Equal(2, await (await second.Dispatcher.RunOnceAsync(Local(2025, 11, 19, 8))).Delivered);
        Assert.Equal(["101"], telegram.Sent.Select(s => s.UserId));
        Assert.Equal(["zalo-301"], zalo.Sent.Select(s => s.UserId));
    }

    [Fact]
    public async Task Two_processes_on_one_SQLite_file_send_each_reminder_once() => await TwoProcessesAsync("Sqlite", Sqlite);

    [PostgresFact]
    public async Task Two_processes_on_one_PostgreSQL_database_send_each_reminder_once()
    {
        var server = Environment.GetEnvironmentVariable("DTS_TEST_POSTGRES")!;
        var name = "rem_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await TwoProcessesAsync("Postgres", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task TwoProcessesAsync(string provider, string connectionString)
    {
        await using var a = new ReminderWorld(provider, connectionString, Local(2025, 11, 1));
        await a.SeedAsync();
        for (var i = 0; i < 3; i++)
        {
            await a.BindAsync($"10{i}", Role.FocalPoint, i switch { 0 => "MN-VQ", 1 => "TH-VQ", _ => "THCS-VQ" }, $"Đầu mối {i}");
        }

        await a.BindAsync("201", Role.CommuneOfficer, "X-VQ", "Anh Quý");
        await using var b = new ReminderWorld(provider, connectionString, Local(2025, 11, 1));

        // Both processes wake at every hour of November and December 2025.
        for (var at = Local(2025, 11, 1, 0, 30); at < Local(2026, 1, 1); at = at.AddHours(1))
        {
            var runs = await Task.WhenAll(Task.Run(() => a.Dispatcher.RunOnceAsync(at)), Task.Run(() => b.Dispatcher.RunOnceAsync(at)));
            await Task.WhenAll(runs.Select(r => r.Delivered));
        }

        var all = a.Channel!.Sent.Concat(b.Channel!.Sent).ToList();
        // November and December: per month 3 reminders × 3 focal points and 2 digests; Q4 and the year 2025 likewise
        // (the Q4 and annual upcoming reminders are planned on 15/12 and 5/12, inside the window).
        var periods = 4;
        Assert.Equal(periods * (3 * 3 + 2), all.Count);
        Assert.Equal(periods * 2, all.Count(s => s.UserId == "201"));
        Assert.Equal(all.Count, all.Select(s => (s.UserId, s.Reply.Text)).Distinct().Count());
    }

    [Fact]
    public async Task The_hosted_service_sends_at_8_and_keeps_quiet_at_night_on_the_fake_clock()
    {
        await using var world = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 14, 20));
        await world.SeedAsync();
        await world.BindAsync("101", Role.FocalPoint, "MN-VQ", "Cô Lan");
        var service = world.Get<ReminderService>();
        await ((IHostedService)service).StartAsync(default);
        try
        {
            await Task.Delay(300);
            Assert.Empty(world.Channel!.Sent);
            for (var hour = 0; hour < 12 && world.Channel.Sent.IsEmpty; hour++)
            {
                world.Clock.Advance(TimeSpan.FromHours(1));
                await WaitAsync(() => false, TimeSpan.FromMilliseconds(200));
                Assert.True(world.Channel.Sent.IsEmpty || world.Clock.GetUtcNow() >= Local(2025, 11, 15, 8));
            }

            await WaitAsync(() => !world.Channel.Sent.IsEmpty, TimeSpan.FromSeconds(10));
            Assert.Single(world.Channel.Sent);
        }
        finally
        {
            await ((IHostedService)service).StopAsync(default);
        }
    }

    [Fact]
    public async Task Reminders_preview_prints_one_line_per_reminder_and_the_count_and_sends_nothing()
    {
        await using (var world = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 1)))
        {
            await world.SeedAsync();
            await world.BindAsync("101", Role.FocalPoint, "MN-VQ", "Cô Lan");
            await world.BindAsync("102", Role.FocalPoint, "TH-VQ", "Thầy Hải");
        }

        var output = new StringWriter();
        Environment.SetEnvironmentVariable("Database__ConnectionString", Sqlite);
        Environment.SetEnvironmentVariable("Reporting__SeedSampleDirectory", "false");
        try
        {
            Assert.Equal(0, await RemindersCommand.RunAsync(["preview", "--at", "2025-11-19T09:00+07:00"], output, TextWriter.Null));
            Assert.Equal(2, await RemindersCommand.RunAsync(["preview", "--at", "hôm qua"], TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Database__ConnectionString", null);
            Environment.SetEnvironmentVariable("Reporting__SeedSampleDirectory", null);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("2 reminders", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("Cô Lan\tMN-VQ", StringComparison.Ordinal) && l.EndsWith("ngay-cuoi 2025-11", StringComparison.Ordinal));
        // Nothing was claimed: a real run still sends both.
        await using var after = new ReminderWorld("Sqlite", Sqlite, Local(2025, 11, 19, 9));
        Assert.Equal(2, (await after.Dispatcher.RunOnceAsync(Local(2025, 11, 19, 9))).Claimed);
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < end)
        {
            await Task.Delay(20);
        }
    }
}
