using DtsAssistant.Bot.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Caching;

/// <summary>The per-conversation caches (callers, drafts, conversation states): bounded, and expiring on the injected clock.</summary>
public sealed class BoundedMemoryCacheTests
{
    [Fact]
    public void An_idle_entry_expires_on_the_injected_clock_and_a_used_one_stays()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 10, 2, 0, 0, TimeSpan.Zero));
        using var cache = BoundedMemoryCache.Create(clock, 100);
        cache.Put("used", 1, idle: TimeSpan.FromMinutes(30));
        cache.Put("idle", 2, idle: TimeSpan.FromMinutes(30));

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(cache.TryGetValue("used", out _));
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.True(cache.TryGetValue("used", out int used));
        Assert.Equal(1, used);
        Assert.False(cache.TryGetValue("idle", out _));
    }

    [Fact]
    public void An_entry_with_a_lifetime_expires_even_when_used()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 10, 2, 0, 0, TimeSpan.Zero));
        using var cache = BoundedMemoryCache.Create(clock, 100);
        cache.Put("caller", "x", lifetime: TimeSpan.FromSeconds(30));

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(cache.TryGetValue("caller", out _));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(cache.TryGetValue("caller", out _));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_limit()
    {
        using var cache = BoundedMemoryCache.Create(TimeProvider.System, 50);

        for (var i = 0; i < 80; i++)
        {
            cache.Put($"c{i}", i, idle: TimeSpan.FromMinutes(30));
        }

        Assert.InRange(cache.Count, 1, 50);
    }
}
