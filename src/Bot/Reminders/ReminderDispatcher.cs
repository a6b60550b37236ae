using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Reporting.Reminders;

namespace DtsAssistant.Bot.Reminders;

/// <summary>What one run did: notices planned, claimed by this process, and the deliveries still in the queues.</summary>
internal sealed record DispatchRun(int Planned, int Claimed, Task<int> Delivered);

/// <summary>
/// One run of the reminders: plans the notices due at an instant, keeps those with a channel that can reach the
/// person (the most recently bound identity first, then the others), claims them in the sent log (so no other process
/// and no later run sends them again), and queues them on their channel. A notice that fails for a reason worth
/// retrying is given back; one whose every channel is blocked is marked failed.
/// </summary>
internal sealed class ReminderDispatcher(IReminderPlanner planner, IReminderStore store, IEnumerable<IReminderChannel> channels, ILogger<ReminderDispatcher> logger)
{
    private readonly Dictionary<string, IReminderChannel> _channels = channels.ToDictionary(c => c.Channel, StringComparer.Ordinal);

    public bool HasChannels => _channels.Count > 0;

    public async Task<DispatchRun> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var planned = await planner.PlanAsync(now, ct);
        // Each route is a reachability query on the state file: asked once per notice, before the claim.
        var routed = planned.Select(n => (Notice: n, Routes: Routes(n))).Where(r => r.Routes.Count > 0).ToList();
        if (routed.Count == 0)
        {
            return new DispatchRun(planned.Count, 0, Task.FromResult(0));
        }

        var claimed = await store.ClaimAsync(routed.Select(r => r.Notice.Key).ToList(), now, ct);
        // Queue them all now (the queues pace them); the deliveries complete later.
        var deliveries = routed.Where(r => claimed.Contains(r.Notice.Key)).Select(r => DeliverAsync(r.Notice, r.Routes, ct)).ToList();
        return new DispatchRun(planned.Count, deliveries.Count, CountAsync(deliveries));
    }

    private List<(IReminderChannel Channel, string UserId)> Routes(PlannedNotice notice) =>
        notice.Addresses
            .Where(a => _channels.TryGetValue(a.Channel, out var c) && c.CanReach(a.UserId))
            .Select(a => (_channels[a.Channel], a.UserId))
            .ToList();

    private async Task<bool> DeliverAsync(PlannedNotice notice, List<(IReminderChannel Channel, string UserId)> routes, CancellationToken ct)
    {
        var reply = ReminderTexts.For(notice);
        foreach (var (channel, userId) in routes)
        {
            try
            {
                await channel.SendAsync(userId, reply, ct);
                await store.MarkAsync(notice.Key, "sent", channel.Channel, CancellationToken.None);
                return true;
            }
            catch (RecipientBlockedException)
            {
                logger.LogInformation("Reminder {Kind} {Period} for person {Person}: blocked on {Channel}, trying another channel",
                    notice.Slot.Kind, notice.Slot.Period.Key, notice.PersonId, channel.Channel);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Reminder {Kind} {Period} for person {Person} failed on {Channel}; released for a later run",
                    notice.Slot.Kind, notice.Slot.Period.Key, notice.PersonId, channel.Channel);
                await store.ReleaseAsync(notice.Key, CancellationToken.None);
                return false;
            }
        }

        await store.MarkAsync(notice.Key, "failed", null, CancellationToken.None);
        return false;
    }

    private static async Task<int> CountAsync(List<Task<bool>> deliveries) => (await Task.WhenAll(deliveries)).Count(ok => ok);
}

/// <summary>
/// Runs the reminders: at each instant a notice becomes due (and every few minutes while some are due, for units whose
/// people bind late), on the registered <see cref="TimeProvider"/>. Off with <c>Reminders:Enabled=false</c>; idle when no
/// channel can send unasked (web chat and terminal cannot).
/// </summary>
internal sealed class ReminderService(ReminderDispatcher dispatcher, IReminderPlanner planner, TimeProvider time, ILogger<ReminderService> logger) : BackgroundService
{
    private static readonly TimeSpan WhilePending = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestSleep = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!dispatcher.HasChannels)
        {
            logger.LogInformation("Reminders: no channel can send unasked (Telegram or Zalo not configured); none will go out");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            try
            {
                var run = await dispatcher.RunOnceAsync(now, stoppingToken);
                if (run.Claimed > 0)
                {
                    logger.LogInformation("Reminders: {Claimed} of {Planned} queued", run.Claimed, run.Planned);
                    await run.Delivered;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reminders: run failed; retrying later");
            }

            var next = planner.Timing.PendingAt(now).Count > 0 ? now + WhilePending : planner.Timing.NextSendFrom(now);
            var wait = next - time.GetUtcNow();
            wait = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > LongestSleep ? LongestSleep : wait;
            await Task.Delay(wait, time, stoppingToken);
        }
    }
}
