namespace DtsAssistant.Bot.Channels.Outgoing;

/// <summary>How fast one channel may send.</summary>
/// <param name="PerChatPerSecond">Steady rate inside one chat (Telegram: about 1/s).</param>
/// <param name="PerChatBurst">Messages a chat may get at once before pacing starts (a reply split in three parts).</param>
/// <param name="BulkPerSecond">Overall rate for bulk sends such as reminders to many chats (Telegram: about 30/s).</param>
/// <param name="OverallPerSecond">A cap on every send together, replies included (Zalo: 4,000 requests a minute); 0 = none.</param>
/// <param name="OverallBurst">Sends the overall cap lets through at once before pacing starts.</param>
internal sealed record RateLimits(double PerChatPerSecond = 1, int PerChatBurst = 3, double BulkPerSecond = 30,
    double OverallPerSecond = 0, int OverallBurst = 1);

/// <summary>
/// Replies go to someone who just wrote; bulk messages (reminders, broadcasts) go to many chats unasked.
/// Telegram's ~30/s overall limit is for bulk notifications; replies in private chats are only paced per chat.
/// </summary>
internal enum SendKind { Reply, Bulk }

/// <summary>The platform said "too many requests, retry after N seconds".</summary>
internal sealed class RetryAfterException(TimeSpan retryAfter, Exception? inner = null)
    : Exception($"Retry after {retryAfter}", inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The person blocked the bot (or is gone): never retried.</summary>
internal sealed class RecipientBlockedException(string chat, Exception? inner = null)
    : Exception($"Chat {chat} blocked the bot", inner)
{
    public string Chat { get; } = chat;
}

/// <summary>
/// The outgoing queue of one channel: messages to one chat leave in order and paced (token bucket), bulk messages
/// share an overall token bucket, a 429 pauses that chat for its retry_after and the message is retried, a blocked
/// recipient fails at once and is reported. Pacing uses <see cref="TimeProvider"/>, so tests and the broadcast
/// benchmark run on a simulated clock.
/// </summary>
internal sealed class OutgoingQueue : IAsyncDisposable
{
    private const int MaxAttempts = 5;
    private const double Epsilon = 1e-6;

    private readonly string _channel;
    private readonly RateLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string> _onBlocked;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChatState> _chats = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _bulkTokens;
    private DateTimeOffset _bulkRefilled;
    private double _overallTokens;
    private int _inFlight;
    private int _disposed;
    private TaskCompletionSource<DateTimeOffset?>? _parkWaiter;

    /// <param name="channel">"telegram", "zalo": log lines name a chat as "channel:id" (pseudonymised), as the channels and the conversation do.</param>
    public OutgoingQueue(string channel, RateLimits limits, TimeProvider time, ILogger logger, Action<string>? onBlocked = null)
    {
        _channel = channel;
        _limits = limits;
        _time = time;
        _logger = logger;
        _onBlocked = onBlocked ?? (_ => { });
        _bulkTokens = 1;
        _bulkRefilled = time.GetUtcNow();
        _overallTokens = limits.OverallBurst;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues one message and completes when it was delivered (or failed for good).</summary>
    public Task SendAsync(string chat, SendKind kind, Func<CancellationToken, Task> send, CancellationToken cancellationToken = default)
    {
        var item = new Item(chat, kind, send, cancellationToken);
        lock (_gate)
        {
            if (!_chats.TryGetValue(chat, out var state))
            {
                state = new ChatState(_limits.PerChatBurst, _time.GetUtcNow());
                _chats[chat] = state;
            }
            state.Queue.Enqueue(item);
        }
        _wake.Release();
        return item.Done.Task;
    }

    /// <summary>
    /// For simulated-clock drivers: completes when nothing is being sent and the queue waits for the clock,
    /// with the time it waits for (null when it is empty).
    /// </summary>
    internal Task<DateTimeOffset?> WhenParkedAsync()
    {
        lock (_gate)
        {
            _parkWaiter ??= new TaskCompletionSource<DateTimeOffset?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = _parkWaiter.Task;
            _wake.Release();
            return task;
        }
    }

    private async Task RunAsync()
    {
        // One wake-up waiter at a time: a waiter abandoned after a timed wait would swallow the next signal.
        Task? wake = null;
        while (!_stop.IsCancellationRequested)
        {
            var wait = Dispatch();
            wake ??= _wake.WaitAsync(_stop.Token);
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            try
            {
                if (wait is { } delay)
                {
                    await Task.WhenAny(wake, Task.Delay(delay, _time, delayCancel.Token));
                }
                else
                {
                    await wake;
                }
                if (wake.IsCompleted)
                {
                    await wake;
                    wake = null;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                await delayCancel.CancelAsync();
            }
        }
    }

    /// <summary>Starts every message that may leave now; returns how long until the next one may, if any wait.</summary>
    private TimeSpan? Dispatch()
    {
        var now = _time.GetUtcNow();
        var toStart = new List<Item>();
        TimeSpan? wait = null;
        lock (_gate)
        {
            // No bulk burst: evenly spaced sends keep every one-second window within the limit.
            _bulkTokens = Math.Min(1, _bulkTokens + (now - _bulkRefilled).TotalSeconds * _limits.BulkPerSecond);
            if (_limits.OverallPerSecond > 0)
            {
                _overallTokens = Math.Min(_limits.OverallBurst, _overallTokens + (now - _bulkRefilled).TotalSeconds * _limits.OverallPerSecond);
            }
            _bulkRefilled = now;
            foreach (var (chat, state) in _chats)
            {
                if (state.Busy || state.Queue.Count == 0)
                {
                    continue;
                }
                var item = state.Queue.Peek();
                if (item.CancellationToken.IsCancellationRequested)
                {
                    state.Queue.Dequeue();
                    item.Done.TrySetCanceled(item.CancellationToken);
                    continue;
                }
                state.Tokens = Math.Min(_limits.PerChatBurst, state.Tokens + (now - state.Refilled).TotalSeconds * _limits.PerChatPerSecond);
                state.Refilled = now;
                TimeSpan? until = null;
                if (state.PausedUntil > now)
                {
                    until = state.PausedUntil - now;
                }
                else if (state.Tokens < 1 - Epsilon)
                {
                    until = WaitFor((1 - state.Tokens) / _limits.PerChatPerSecond);
                }
                else if (item.Kind == SendKind.Bulk && _bulkTokens < 1 - Epsilon)
                {
                    until = WaitFor((1 - _bulkTokens) / _limits.BulkPerSecond);
                }
                else if (_limits.OverallPerSecond > 0 && _overallTokens < 1 - Epsilon)
                {
                    until = WaitFor((1 - _overallTokens) / _limits.OverallPerSecond);
                }
                if (until is { } u)
                {
                    wait = wait is null || u < wait ? u : wait;
                    continue;
                }
                state.Tokens = Math.Max(0, state.Tokens - 1);
                if (item.Kind == SendKind.Bulk)
                {
                    _bulkTokens = Math.Max(0, _bulkTokens - 1);
                }
                _overallTokens = Math.Max(0, _overallTokens - 1);
                state.Busy = true;
                state.Queue.Dequeue();
                toStart.Add(item);
            }
            // Forget idle chats whose bucket is full again, so a broadcast does not leave thousands of entries behind.
            foreach (var idle in _chats.Where(c => !c.Value.Busy && c.Value.Queue.Count == 0 && c.Value.Tokens >= _limits.PerChatBurst - Epsilon
                                                 && c.Value.PausedUntil <= now).Select(c => c.Key).ToList())
            {
                _chats.Remove(idle);
            }
            _inFlight += toStart.Count;
            if (toStart.Count == 0 && _inFlight == 0 && _parkWaiter is { } parked)
            {
                _parkWaiter = null;
                parked.TrySetResult(wait is { } w ? now + w : null);
            }
        }
        foreach (var item in toStart)
        {
            _ = Task.Run(() => SendOneAsync(item));
        }
        return wait;
    }

    /// <summary>Rounded up to whole ticks: a wait rounded down to zero would spin without the token ever arriving.</summary>
    private static TimeSpan WaitFor(double seconds) => TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond)));

    private async Task SendOneAsync(Item item)
    {
        try
        {
            await item.Send(item.CancellationToken);
            item.Done.TrySetResult();
            Finish(item.Chat);
        }
        catch (RetryAfterException ex) when (++item.Attempts < MaxAttempts)
        {
            _logger.LogWarning("Rate limited sending to {Chat}; retrying after {RetryAfter}", Pseudonym(item.Chat), ex.RetryAfter);
            Finish(item.Chat, requeue: item, pause: ex.RetryAfter);
        }
        catch (RecipientBlockedException ex)
        {
            _onBlocked(item.Chat);
            item.Done.TrySetException(ex);
            Finish(item.Chat, failRest: ex);
        }
        catch (OperationCanceledException ex) when (item.CancellationToken.IsCancellationRequested)
        {
            item.Done.TrySetCanceled(ex.CancellationToken);
            Finish(item.Chat);
        }
        catch (HttpRequestException ex) when (++item.Attempts < MaxAttempts)
        {
            _logger.LogWarning(ex, "Sending to {Chat} failed; retrying", Pseudonym(item.Chat));
            Finish(item.Chat, requeue: item, pause: TimeSpan.FromSeconds(Math.Pow(2, item.Attempts)));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Sending to {Chat} failed for good", Pseudonym(item.Chat));
            item.Done.TrySetException(ex);
            Finish(item.Chat);
        }
    }

    private void Finish(string chat, Item? requeue = null, TimeSpan pause = default, Exception? failRest = null)
    {
        lock (_gate)
        {
            _inFlight--;
            var state = _chats[chat];
            state.Busy = false;
            if (requeue is not null)
            {
                // Put it back in front so the chat's order is kept, and hold the whole chat until retry_after passed.
                var rest = state.Queue.ToList();
                state.Queue.Clear();
                state.Queue.Enqueue(requeue);
                foreach (var other in rest)
                {
                    state.Queue.Enqueue(other);
                }
                state.PausedUntil = _time.GetUtcNow() + pause;
                state.Tokens = 0;
            }
            if (failRest is not null)
            {
                while (state.Queue.TryDequeue(out var other))
                {
                    other.Done.TrySetException(failRest);
                }
            }
        }
        _wake.Release();
    }

    private string Pseudonym(string chat) => Hosting.LogPseudonym.Of(_channel + ":" + chat);

    public async ValueTask DisposeAsync()
    {
        // The container may dispose a channel twice (as itself and as a hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Item(string chat, SendKind kind, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        public string Chat { get; } = chat;
        public SendKind Kind { get; } = kind;
        public Func<CancellationToken, Task> Send { get; } = send;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Attempts { get; set; }
    }

    private sealed class ChatState(double tokens, DateTimeOffset refilled)
    {
        public Queue<Item> Queue { get; } = new();
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset Refilled { get; set; } = refilled;
        public DateTimeOffset PausedUntil { get; set; }
        public bool Busy { get; set; }
    }
}
