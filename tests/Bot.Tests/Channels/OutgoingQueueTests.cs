using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>The outgoing queue's pacing on a simulated clock: time only moves when the test moves it.</summary>
public sealed class OutgoingQueueTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero));
    private readonly List<(string Chat, string Text, TimeSpan At)> _sent = [];
    private readonly OutgoingQueue _queue;
    private readonly List<string> _blocked = [];
    private readonly DateTimeOffset _start;

    public OutgoingQueueTests()
    {
        _start = _time.GetUtcNow();
        _queue = new OutgoingQueue("telegram", new RateLimits(PerChatPerSecond: 1, PerChatBurst: 3, BulkPerSecond: 30), _time, NullLogger.Instance,
            chat => _blocked.Add(chat));
    }

    private Func<CancellationToken, Task> Record(string chat, string text) => _ =>
    {
        lock (_sent)
        {
            _sent.Add((chat, text, _time.GetUtcNow() - _start));
        }
        return Task.CompletedTask;
    };

    /// <summary>Lets the queue run until it waits for the clock, then moves the clock to that moment; until all is sent.</summary>
    private async Task RunToCompletionAsync(Task all)
    {
        while (!all.IsCompleted)
        {
            var wake = await _queue.WhenParkedAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (wake is { } at && at > _time.GetUtcNow())
            {
                _time.Advance(at - _time.GetUtcNow());
            }
            else
            {
                await Task.Delay(1);
            }
        }
        await all;
    }

    [Fact]
    public async Task One_chat_gets_a_short_burst_then_one_message_per_second_in_order()
    {
        var all = Task.WhenAll(Enumerable.Range(1, 6).Select(i => _queue.SendAsync("c1", SendKind.Reply, Record("c1", $"m{i}"))));

        await RunToCompletionAsync(all);

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], _sent.Select(s => s.Text));
        Assert.Equal([0, 0, 0, 1, 2, 3], _sent.Select(s => (int)Math.Round(s.At.TotalSeconds)));
    }

    [Fact]
    public async Task Bulk_messages_to_many_chats_stay_within_30_per_second_overall()
    {
        var all = Task.WhenAll(Enumerable.Range(1, 300).Select(i => _queue.SendAsync($"c{i}", SendKind.Bulk, Record($"c{i}", "nhắc hạn"))));

        await RunToCompletionAsync(all);

        Assert.Equal(300, _sent.Count);
        for (var second = 0; second < 10; second++)
        {
            var window = _sent.Count(s => s.At >= TimeSpan.FromSeconds(second) && s.At < TimeSpan.FromSeconds(second + 1));
            Assert.InRange(window, 29, 30);
        }
        Assert.InRange(_sent[^1].At.TotalSeconds, 9.9, 10.0);
    }

    [Fact]
    public async Task Replies_to_different_chats_are_not_held_back_by_the_bulk_limit()
    {
        var all = Task.WhenAll(Enumerable.Range(1, 100).Select(i => _queue.SendAsync($"c{i}", SendKind.Reply, Record($"c{i}", "trả lời"))));

        await RunToCompletionAsync(all);

        Assert.All(_sent, s => Assert.Equal(TimeSpan.Zero, s.At));
    }

    [Fact]
    public async Task Retry_after_pauses_the_chat_for_that_long_and_keeps_the_order()
    {
        var attempts = 0;
        var first = _queue.SendAsync("c1", SendKind.Reply, ct =>
            ++attempts == 1 ? throw new RetryAfterException(TimeSpan.FromSeconds(7)) : Record("c1", "m1")(ct));
        var second = _queue.SendAsync("c1", SendKind.Reply, Record("c1", "m2"));
        var other = _queue.SendAsync("c2", SendKind.Reply, Record("c2", "x"));

        await RunToCompletionAsync(Task.WhenAll(first, second, other));

        Assert.Equal(2, attempts);
        Assert.Equal(("c2", "x", TimeSpan.Zero), _sent[0]);
        Assert.Equal(["m1", "m2"], _sent.Where(s => s.Chat == "c1").Select(s => s.Text));
        Assert.True(_sent.First(s => s.Text == "m1").At >= TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task A_blocked_recipient_is_reported_once_and_its_queued_messages_are_dropped()
    {
        var attempts = 0;
        var first = _queue.SendAsync("c9", SendKind.Bulk, _ =>
        {
            attempts++;
            throw new RecipientBlockedException("c9");
        });
        var second = _queue.SendAsync("c9", SendKind.Bulk, _ =>
        {
            attempts++;
            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<RecipientBlockedException>(() => first);
        await Assert.ThrowsAsync<RecipientBlockedException>(() => second);
        Assert.Equal(1, attempts);
        Assert.Equal(["c9"], _blocked);
    }

    [Fact]
    public async Task Log_lines_name_the_chat_by_the_same_channel_prefixed_pseudonym_as_the_conversation()
    {
        using var capture = new LogCapture("");
        await using var queue = new OutgoingQueue("telegram", new RateLimits(), _time, capture.CreateLogger("queue"));
        var attempts = 0;
        var sent = queue.SendAsync("4242", SendKind.Reply, _ => ++attempts == 1 ? throw new RetryAfterException(TimeSpan.FromSeconds(1)) : Task.CompletedTask);
        while (!sent.IsCompleted)
        {
            if (await queue.WhenParkedAsync().WaitAsync(TimeSpan.FromSeconds(10)) is { } at && at > _time.GetUtcNow())
            {
                _time.Advance(at - _time.GetUtcNow());
            }
            else
            {
                await Task.Delay(1);
            }
        }
        await sent;

        var line = Assert.Single(capture.Lines);
        Assert.Contains(Hosting.LogPseudonym.Of("telegram:4242"), line);
        Assert.DoesNotContain("4242", line);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
