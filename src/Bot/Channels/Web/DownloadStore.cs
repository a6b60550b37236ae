using System.Collections.Concurrent;
using System.Security.Cryptography;
using DtsAssistant.Bot.Conversation;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>
/// Files (exports) waiting to be downloaded from the web chat or a link, for an hour, behind an unguessable token.
/// Kept in memory on purpose: an export can be made again, and report data should not pile up on disk.
/// </summary>
internal sealed class DownloadStore(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (ReplyFile File, DateTimeOffset Expires)> _files = new();

    /// <summary>Stores the file and returns its relative URL.</summary>
    public string Add(ReplyFile file)
    {
        var now = time.GetUtcNow();
        foreach (var old in _files.Where(f => f.Value.Expires < now).Select(f => f.Key).ToList())
        {
            _files.TryRemove(old, out _);
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _files[token] = (file, now + Lifetime);
        return $"/files/{token}";
    }

    public ReplyFile? Find(string token) =>
        _files.TryGetValue(token, out var entry) && entry.Expires >= time.GetUtcNow() ? entry.File : null;
}
