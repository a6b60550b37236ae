using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Conversation.State;

namespace DtsAssistant.Bot.Channels.Inbox;

/// <summary>
/// Runs a channel's stored updates: one chat's updates strictly in order, different chats side by side.
/// An update leaves the inbox (is marked done) only after its handler finished, so a crash or a hard stop
/// leaves it pending and the next start runs it again; acknowledged updates are never lost. Running it again does not
/// apply it twice: the core recorded its id with its effects (<see cref="Delivery"/>) and only re-sends the replies.
/// </summary>
internal sealed class ChannelInbox(
    string channel,
    ChannelStateStore store,
    Func<InboxItem, CancellationToken, Task> handler,
    ILogger logger,
    int maxConcurrency = 4,
    TimeProvider? time = null)
{
    private readonly Dictionary<string, Queue<InboxItem>> _lanes = [];
    private readonly SemaphoreSlim _slots = new(maxConcurrency);
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private int _outstanding;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private bool _accepting = true;

    public string Channel => channel;

    /// <summary>Re-runs whatever a previous process accepted but did not finish.</summary>
    public void ResumePending()
    {
        var pending = store.PendingInbox(channel);
        if (pending.Count > 0)
        {
            logger.LogInformation("Resuming {Count} pending {Channel} updates from the inbox", pending.Count, channel);
        }
        Enqueue(pending);
    }

    /// <summary>Stores the items (dropping ids already seen) and schedules the new ones. Returns how many were new.</summary>
    public int Accept(IReadOnlyList<InboxItem> items, params (string Key, string Value)[] alsoSet)
    {
        var added = store.AddToInbox(items, alsoSet);
        Enqueue(added);
        return added.Count;
    }

    private void Enqueue(IReadOnlyList<InboxItem> items)
    {
        foreach (var item in items)
        {
            bool start;
            lock (_gate)
            {
                if (!_accepting)
                {
                    // Stored already; the next start picks it up.
                    continue;
                }
                if (_outstanding++ == 0)
                {
                    _idle = NewIdle(completed: false);
                }
                start = !_lanes.TryGetValue(item.ChatKey, out var lane);
                if (start)
                {
                    lane = new Queue<InboxItem>();
                    _lanes[item.ChatKey] = lane;
                }
                lane!.Enqueue(item);
            }
            if (start)
            {
                _ = Task.Run(() => RunLaneAsync(item.ChatKey));
            }
        }
    }

    private async Task RunLaneAsync(string chatKey)
    {
        while (true)
        {
            InboxItem item;
            lock (_gate)
            {
                var lane = _lanes[chatKey];
                if (lane.Count == 0)
                {
                    _lanes.Remove(chatKey);
                    return;
                }
                item = lane.Peek();
            }
            await RunOneAsync(item);
            lock (_gate)
            {
                _lanes[chatKey].Dequeue();
                if (--_outstanding == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private async Task RunOneAsync(InboxItem item)
    {
        try
        {
            await _slots.WaitAsync(_abort.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            // The core records this id with the update's effects, so running it again after a crash only re-sends.
            Delivery.Enter(item.Channel, item.Id);
            await handler(item, _abort.Token);
            store.MarkDone(item);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            logger.LogWarning("{Channel} update {Id} was interrupted by shutdown; it stays in the inbox", channel, item.Id);
        }
        catch (Exception ex)
        {
            // A handler failure is not retried forever: the handler already told the person something went wrong.
            logger.LogError(ex, "{Channel} update {Id} failed", channel, item.Id);
            store.MarkDone(item);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Waits until everything scheduled so far has been handled.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <summary>Stops taking new work, lets running and queued updates finish within the grace period, then aborts the rest.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Task idle;
        lock (_gate)
        {
            _accepting = false;
            idle = _idle.Task;
        }
        if (await Task.WhenAny(idle, Task.Delay(grace, time ?? TimeProvider.System)) != idle)
        {
            logger.LogWarning("{Channel} inbox did not drain within {Grace}; unfinished updates stay pending", channel, grace);
            await _abort.CancelAsync();
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }
        return source;
    }
}
