using System.Collections.Concurrent;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// Who each chat identity is, remembered for a short time so a filing message does not repeat the who-am-i query.
/// Binding and unbinding through chat forget the entry at once; a change made elsewhere (an admin in the terminal, another
/// replica) is seen within <see cref="Lifetime"/>, and the reporting services still check the role on every write.
/// </summary>
internal sealed class CallerCache(IDirectoryService directory, TimeProvider clock)
{
    /// <summary>How long a remembered caller is trusted without asking the directory again.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Beyond this many identities the cache starts over rather than grow without bound.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset ReadAt)> callers = new(StringComparer.Ordinal);

    public async Task<Caller> WhoAmIAsync(string channel, string userId, string conversationKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (callers.TryGetValue(conversationKey, out var entry) && now - entry.ReadAt < Lifetime && now >= entry.ReadAt)
        {
            return entry.Caller;
        }

        var caller = await directory.WhoAmIAsync(channel, userId, ct).ConfigureAwait(false);
        if (callers.Count >= MaxEntries)
        {
            callers.Clear();
        }

        callers[conversationKey] = (caller, now);
        return caller;
    }

    public void Forget(string conversationKey) => callers.TryRemove(conversationKey, out _);
}
