using DtsAssistant.Bot.Reminders;
using DtsAssistant.Bot.Tests.Channels;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.Extensions.DependencyInjection;
using static DtsAssistant.Bot.Tests.Reminders.ReminderWorld;

namespace DtsAssistant.Bot.Tests.Reminders;

/// <summary>A reminder through the real server and the real Telegram client, to the fake Bot API on loopback.</summary>
public sealed class TelegramReminderTests : IAsyncLifetime
{
    private readonly string _folder = TestData.NewFolder();
    private FakeTelegramServer _telegram = null!;

    public async Task InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    [Fact]
    public async Task The_reminder_goes_out_through_the_telegram_queue_with_an_inline_button_and_only_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            // The test drives the dispatcher itself, at chosen instants.
            ["Reminders:Enabled"] = "false",
        };
        await using var host = await ChannelTestHost.StartAsync(_folder, settings, engine: null);
        var directory = host.Services.GetRequiredService<IDirectoryService>();
        var invite = (await directory.CreateInvitesAsync(Caller.System("test"), "MAU-TH-001-1", Role.FocalPoint)).Single();
        Assert.Equal(RedeemOutcome.Bound, (await directory.RedeemInviteAsync("telegram", "777", "Cô Mai", invite.Code)).Outcome);
        var dispatcher = host.Services.GetRequiredService<ReminderDispatcher>();

        var run = await dispatcher.RunOnceAsync(Local(2025, 11, 15, 8));
        Assert.Equal(1, await run.Delivered);
        var again = await dispatcher.RunOnceAsync(Local(2025, 11, 15, 10));

        var calls = await _telegram.WaitForAsync(c => c.Any(x => x.Method == "sendMessage" && x.ChatId == 777));
        var sent = Assert.Single(calls, c => c.Method == "sendMessage" && c.ChatId == 777);
        Assert.Contains("tháng 11/2025", sent.Text);
        Assert.Equal("Nộp báo cáo", sent.Body["reply_markup"]!["inline_keyboard"]![0]![0]!["text"]!.ToString());
        Assert.Equal(0, again.Claimed);
    }
}
