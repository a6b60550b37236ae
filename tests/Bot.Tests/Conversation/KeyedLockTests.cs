using DtsAssistant.Bot.Conversation.Routing;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class KeyedLockTests
{
    [Fact]
    public async Task Two_messages_of_one_conversation_never_overlap()
    {
        var locks = new KeyedLock();
        var inside = 0;
        var maxInside = 0;
        var order = new List<int>();

        async Task Work(int n)
        {
            using var held = await locks.AcquireAsync("telegram:1", CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            maxInside = Math.Max(maxInside, now);
            await Task.Yield();
            lock (order)
            {
                order.Add(n);
            }

            Interlocked.Decrement(ref inside);
        }

        await Task.WhenAll(Enumerable.Range(0, 50).Select(Work));

        Assert.Equal(1, maxInside);
        Assert.Equal(50, order.Count);
        Assert.Equal(0, locks.ActiveKeys);
    }

    [Fact]
    public async Task Different_conversations_do_not_wait_for_each_other()
    {
        var locks = new KeyedLock();
        using var first = await locks.AcquireAsync("a", CancellationToken.None);
        var second = locks.AcquireAsync("b", CancellationToken.None);
        Assert.True(second.IsCompleted);
        (await second).Dispose();

        var sameKey = locks.AcquireAsync("a", CancellationToken.None);
        Assert.False(sameKey.IsCompleted);
        first.Dispose();
        (await sameKey).Dispose();
        Assert.Equal(0, locks.ActiveKeys);
    }
}
