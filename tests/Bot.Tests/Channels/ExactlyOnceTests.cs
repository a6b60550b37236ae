using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>
/// A crash between an update's effect and its reply: the answer is committed, the process stops before the reply is
/// sent, and the next start runs the update from the inbox again. It must re-send the stored reply and apply nothing
/// twice (the bug: the same text was applied to the next question).
/// </summary>
public sealed class ExactlyOnceTests : IAsyncLifetime
{
    private const long Chat = 8101;
    private readonly string _folder = TestData.NewFolder();
    private FakeTelegramServer _telegram = null!;

    public async Task InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    private Dictionary<string, string?> _database = [];

    private Task<ChannelTestHost> StartAsync() => ChannelTestHost.StartAsync(_folder, new Dictionary<string, string?>(_database)
    {
        ["Telegram:BotToken"] = FakeTelegramServer.Token,
        ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
        ["Telegram:PollTimeoutSeconds"] = "1",
    }, engine: null);

    [Fact]
    public Task An_answer_committed_before_a_crash_is_not_applied_again_and_its_reply_is_sent_after_the_restart() => CrashAfterCommitAsync();

    [Conversation.PostgresFact]
    public async Task An_answer_committed_before_a_crash_is_not_applied_again_on_postgresql()
    {
        await using var postgres = await ThrowawayPostgres.CreateAsync();
        _database = postgres.Settings();
        await CrashAfterCommitAsync();
    }

    private async Task CrashAfterCommitAsync()
    {
        var first = _host = await StartAsync();
        await SayAsync("/dangky " + await InviteAsync(first));
        var opening = await SayAsync("/baocao");
        Assert.Contains("Câu 1/", opening);

        // Typed answers, as people type them; a typed number is what a replay would apply to the next question.
        string[] typed = ["rồi", "ba", "có", "5", "ok", "đang triển khai"];
        foreach (var text in typed)
        {
            await SayAsync(text);
        }
        var before = await SnapshotAsync(first);

        // The 7th answer commits, then the process stops before the reply goes out.
        var inbox = first.Services.GetRequiredService<TelegramChannel>().Inbox;
        first.Services.GetRequiredService<HandledUpdates>().AfterCommit = async ct =>
        {
            await inbox.StopAsync(TimeSpan.Zero);
            ct.ThrowIfCancellationRequested();
        };
        var sentBefore = _telegram.Sent(Chat).Count;
        _telegram.AddText(Chat, "45");
        await WaitUntilAsync(async () => (await SnapshotAsync(first)).Answers.Count == before.Answers.Count + 1);
        var committed = await SnapshotAsync(first);
        await first.DisposeAsync();
        Assert.Equal(sentBefore, _telegram.Sent(Chat).Count); // the reply to "45" was never sent

        // The restart runs the update again: the stored reply goes out, nothing else changes.
        await using var second = _host = await StartAsync();
        var replay = (await _telegram.WaitForAsync(_ => _telegram.Sent(Chat).Count > sentBefore, TimeSpan.FromSeconds(60)))
            .Last(c => c.Method == "sendMessage" && c.ChatId == Chat).Text;
        Assert.Contains("Câu 8/", replay);
        await second.Services.GetRequiredService<TelegramChannel>().Inbox.WhenIdleAsync();
        var afterReplay = await SnapshotAsync(second);
        Assert.Equal(committed.Answers, afterReplay.Answers);
        Assert.Equal(committed.State, afterReplay.State);
        Assert.Equal(committed.Revision, afterReplay.Revision);
        Assert.Equal(before.Revision + 1, committed.Revision);
        Assert.Equal("45", committed.Answers.Single(a => !before.Answers.Contains(a)).Value);

        // The conversation continues where it was: the next answer goes to question 8.
        var next = await SayAsync("40/45");
        Assert.Contains("Câu 9/", next);
        var final = await SnapshotAsync(second);
        Assert.Equal(committed.Answers.Count + 1, final.Answers.Count);
        Assert.Contains(final.Answers, a => !committed.Answers.Contains(a));
    }

    private ChannelTestHost _host = null!;

    /// <summary>Sends a text and returns the reply's messages once the update is handled (its replies are sent by then).</summary>
    private async Task<string> SayAsync(string text)
    {
        var seen = _telegram.Sent(Chat).Count;
        _telegram.AddText(Chat, text);
        await _telegram.WaitForAsync(_ => _telegram.Sent(Chat).Count > seen, TimeSpan.FromSeconds(60));
        await _host.Services.GetRequiredService<TelegramChannel>().Inbox.WhenIdleAsync();
        return string.Join("\n", _telegram.Sent(Chat).Skip(seen).Select(c => c.Text));
    }

    private static async Task<string> InviteAsync(ChannelTestHost host)
    {
        var database = host.Services.GetRequiredService<ReportingDatabase>();
        string unit;
        await using (var db = await database.OpenAsync())
        {
            unit = await db.Units.Where(u => u.Kind == UnitKind.Primary).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
        }
        return (await host.Services.GetRequiredService<IDirectoryService>().CreateInvitesAsync(Caller.System("test"), unit, Role.FocalPoint, 1))[0].Code;
    }

    private sealed record Snapshot(IReadOnlyList<(string Key, string Value)> Answers, int Revision, string? State);

    private static async Task<Snapshot> SnapshotAsync(ChannelTestHost host)
    {
        await using var db = await host.Services.GetRequiredService<ReportingDatabase>().OpenAsync();
        var answers = (await db.Answers.OrderBy(a => a.QuestionKey).Select(a => new { a.QuestionKey, a.Value }).ToListAsync())
            .Select(a => (a.QuestionKey, a.Value)).ToList();
        var revision = await db.Reports.Select(r => r.Revision).SingleOrDefaultAsync();
        await db.Database.OpenConnectionAsync();
        var state = await db.ScalarAsync("SELECT state FROM conversation_states", CancellationToken.None) as string;
        return new Snapshot(answers, revision, state);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
