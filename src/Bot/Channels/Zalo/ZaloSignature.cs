using System.Security.Cryptography;
using System.Text;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>
/// X-ZEvent-Signature: "mac=" + hex(SHA-256(app_id + raw body + timestamp + OA secret key)); plain SHA-256, not HMAC.
/// The body enters as the bytes received: a decoded and re-encoded string could differ (invalid UTF-8, re-serialised JSON).
/// </summary>
internal static class ZaloSignature
{
    public static string Compute(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(appId));
        hash.AppendData(rawBody);
        hash.AppendData(Encoding.UTF8.GetBytes(timestamp + oaSecretKey));
        return "mac=" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Compute(string appId, string rawBody, string timestamp, string oaSecretKey) =>
        Compute(appId, Encoding.UTF8.GetBytes(rawBody), timestamp, oaSecretKey);

    /// <summary>The supplied value without "mac=", trimmed and lower-case.</summary>
    public static string Normalize(string? header)
    {
        var supplied = (header ?? "").Trim();
        return (supplied.StartsWith("mac=", StringComparison.OrdinalIgnoreCase) ? supplied[4..] : supplied).ToLowerInvariant();
    }

    public static bool Verify(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey, string? header, out string expected)
    {
        expected = Compute(appId, rawBody, timestamp, oaSecretKey)[4..];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Normalize(header)));
    }
}
