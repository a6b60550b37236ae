using DtsAssistant.Bot.Caching;
using DtsAssistant.Reporting.Filing;
using Microsoft.Extensions.Caching.Memory;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// The draft each conversation last saw, so answering the next question does not re-read the whole report. An entry
/// is used only when the conversation's remembered revision equals the entry's; anything another writer changed since
/// is caught by the filing service's revision check on save (and the draft is then re-read).
/// </summary>
internal sealed class DraftCache(TimeProvider clock) : IDisposable
{
    /// <summary>At most this many conversations' drafts are kept; beyond it the least recently used go.</summary>
    private const int MaxEntries = 20_000;

    /// <summary>A draft not used for this long is dropped (the next message re-reads it).</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache sessions = BoundedMemoryCache.Create(clock, MaxEntries);

    public DraftSession? Get(string conversationKey, long reportId, int revision) =>
        sessions.TryGetValue(conversationKey, out DraftSession? session) && session!.ReportId == reportId && session.Revision == revision ? session : null;

    public void Put(string conversationKey, DraftSession session) => sessions.Put(conversationKey, session, idle: Idle);

    public void Forget(string conversationKey) => sessions.Remove(conversationKey);

    public void Dispose() => sessions.Dispose();
}
