using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace DtsAssistant.Bot.Caching;

/// <summary>
/// A <see cref="MemoryCache"/> for per-conversation entries: at most <c>maxEntries</c> entries (each has size 1; when
/// full, the least recently used tenth is evicted), expiring on the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class BoundedMemoryCache
{
    public static MemoryCache Create(TimeProvider clock, int maxEntries) =>
        new(new MemoryCacheOptions
        {
            SizeLimit = maxEntries,
            CompactionPercentage = 0.1,
            Clock = new ProviderClock(clock),
        });

    /// <summary>Stores one entry of size 1 that expires after <paramref name="idle"/> without use, or at the latest <paramref name="lifetime"/> after it was stored.</summary>
    public static void Put<TValue>(this IMemoryCache cache, object key, TValue value, TimeSpan? idle = null, TimeSpan? lifetime = null)
    {
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.Size = 1;
        entry.SlidingExpiration = idle;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
    }

    /// <summary>MemoryCacheOptions.Clock takes the older clock interface: this adapts the injected TimeProvider to it.</summary>
    private sealed class ProviderClock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
