using System.Security.Cryptography;
using System.Text;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>X-ZEvent-Signature: "mac=" + hex(SHA-256(app_id + raw body + timestamp + OA secret key)); plain SHA-256, not HMAC.</summary>
internal static class ZaloSignature
{
    public static string Compute(string appId, string rawBody, string timestamp, string oaSecretKey) =>
        "mac=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appId + rawBody + timestamp + oaSecretKey)));

    public static bool Verify(string appId, string rawBody, string timestamp, string oaSecretKey, string? header)
    {
        var supplied = (header ?? "").Trim();
        if (supplied.StartsWith("mac=", StringComparison.OrdinalIgnoreCase))
        {
            supplied = supplied[4..];
        }
        var expected = Compute(appId, rawBody, timestamp, oaSecretKey)[4..];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(supplied.ToLowerInvariant()));
    }
}
