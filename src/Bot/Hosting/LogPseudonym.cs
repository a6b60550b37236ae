using System.Security.Cryptography;
using System.Text;

namespace DtsAssistant.Bot.Hosting;

/// <summary>
/// What a log line says instead of a person's chat id ("telegram:123456" → "telegram:#1a2b3c4d"): lines about one chat
/// still correlate within a run, but the id itself is never written. Keyed with a random key per process, so a log
/// cannot be turned back into ids by hashing every possible number.
/// </summary>
internal static class LogPseudonym
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The channel prefix kept (it says nothing about the person), the rest replaced by a short keyed hash.</summary>
    public static string Of(string? chatOrConversationKey)
    {
        if (string.IsNullOrEmpty(chatOrConversationKey))
        {
            return "-";
        }
        var colon = chatOrConversationKey.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 && colon < 16 ? chatOrConversationKey[..(colon + 1)] : string.Empty;
        var hash = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(chatOrConversationKey));
        return prefix + "#" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}
