using System.Security.Cryptography;
using System.Text;

namespace DtsAssistant.Reporting.Directory;

/// <summary>
/// Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L), shown as "ABCDE-FGHJK" (50 bits).
/// Only a keyed hash (HMAC-SHA256 with <see cref="InviteKey"/>, a secret outside the database) of the normalised code
/// is stored, and no part of the code; people may type it in any case, with spaces or dashes.
/// </summary>
internal static class InviteCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int Length = 10;

    public static string NewCode()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    /// <summary>Upper case letters and digits only; null when the text cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 64)
        {
            return null;
        }

        var builder = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is '-' or ' ' or '_' or '.')
            {
                continue;
            }

            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }

            builder.Append(c);
        }

        return builder.Length == Length ? builder.ToString() : null;
    }

    public static string Hash(string normalized, InviteKey key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(normalized)));
}
