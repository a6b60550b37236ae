using DtsAssistant.Bot.Caching;
using DtsAssistant.Reporting.Directory;
using Microsoft.Extensions.Caching.Memory;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// Who each chat identity is, remembered for a short time so a filing message does not repeat the who-am-i query.
/// Binding and unbinding through chat forget the entry at once; a change made elsewhere (an admin in the terminal, another
/// replica) is seen within <see cref="Lifetime"/>, and the reporting services still check the role on every write.
/// </summary>
internal sealed class CallerCache(IDirectoryService directory, TimeProvider clock) : IDisposable
{
    /// <summary>How long a remembered caller is trusted without asking the directory again.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>At most this many identities are remembered; beyond it the least recently used go.</summary>
    private const int MaxEntries = 20_000;

    private readonly MemoryCache callers = BoundedMemoryCache.Create(clock, MaxEntries);

    public async Task<Caller> WhoAmIAsync(string channel, string userId, string conversationKey, CancellationToken ct)
    {
        if (callers.TryGetValue(conversationKey, out Caller? known))
        {
            return known!;
        }

        var caller = await directory.WhoAmIAsync(channel, userId, ct).ConfigureAwait(false);
        callers.Put(conversationKey, caller, lifetime: Lifetime);
        return caller;
    }

    public void Forget(string conversationKey) => callers.Remove(conversationKey);

    public void Dispose() => callers.Dispose();
}
