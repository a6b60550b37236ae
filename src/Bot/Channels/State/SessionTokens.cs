using System.Security.Cryptography;
using System.Text;

namespace DtsAssistant.Bot.Channels.State;

/// <summary>
/// Bearer tokens of the web chat and dashboard stores: 256 random bits in base64url (43 characters), of which only the
/// SHA-256 (lower-case hex) is ever stored, so a copy of a state file gives no way in.
/// </summary>
internal static class SessionTokens
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a token (UTF-8 bytes: the same as ASCII for a well-formed token).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
