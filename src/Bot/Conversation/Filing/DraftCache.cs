using System.Collections.Concurrent;
using DtsAssistant.Reporting.Filing;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// The draft each conversation last saw, so answering the next question does not re-read the whole report. An entry
/// is used only when the conversation's remembered revision equals the entry's; anything another writer changed since
/// is caught by the filing service's revision check on save (and the draft is then re-read).
/// </summary>
internal sealed class DraftCache
{
    /// <summary>Beyond this many open conversations the cache starts over rather than grow without bound.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, DraftSession> sessions = new(StringComparer.Ordinal);

    public DraftSession? Get(string conversationKey, long reportId, int revision) =>
        sessions.TryGetValue(conversationKey, out var session) && session.ReportId == reportId && session.Revision == revision ? session : null;

    public void Put(string conversationKey, DraftSession session)
    {
        if (sessions.Count >= MaxEntries)
        {
            sessions.Clear();
        }

        sessions[conversationKey] = session;
    }

    public void Forget(string conversationKey) => sessions.TryRemove(conversationKey, out _);
}
