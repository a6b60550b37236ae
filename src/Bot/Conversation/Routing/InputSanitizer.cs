using System.Globalization;
using System.Text;
using DtsAssistant.Bot.Conversation.Common;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// Checks a message before anything reads it: empty, oversized, binary, control characters and emoji-only input get a
/// clear Vietnamese reply and change nothing. Accepted text is returned in NFC form, trimmed.
/// </summary>
internal static class InputSanitizer
{
    /// <summary>
    /// The one length limit of a message, for every channel: longer than any honest question or form answer (a text
    /// answer may hold 2,000 characters); Telegram itself stops at 4,096.
    /// </summary>
    public const int MaxLength = 4000;

    /// <summary>Button data is produced by us; anything longer was not.</summary>
    public const int MaxButtonDataLength = 64;

    public static SanitizedInput Check(IncomingMessage message)
    {
        if (message.ButtonData is { Length: > 0 } data)
        {
            return data.Length <= MaxButtonDataLength && data.All(c => c is >= ' ' and <= '~')
                ? SanitizedInput.Button(data)
                : SanitizedInput.Rejected(CommonTexts.BadButton);
        }

        var text = message.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return SanitizedInput.Rejected(CommonTexts.Empty);
        }

        if (text.Length > MaxLength)
        {
            return SanitizedInput.Rejected(CommonTexts.TooLong(text.Length, MaxLength));
        }

        if (LooksBinary(text))
        {
            return SanitizedInput.Rejected(CommonTexts.Binary);
        }

        if (!VietnameseText.TryNfc(text, out var nfc))
        {
            // Lone surrogates cannot be normalized: the text was not valid Unicode.
            return SanitizedInput.Rejected(CommonTexts.InvalidUnicode);
        }

        var normalized = nfc.Trim();

        if (!normalized.Any(char.IsLetterOrDigit))
        {
            return SanitizedInput.Rejected(CommonTexts.EmojiOnly);
        }

        return SanitizedInput.Accepted(normalized);
    }

    private static bool LooksBinary(string text)
    {
        foreach (var c in text)
        {
            if (c == '\uFFFD' || c == '\0')
            {
                return true;
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return true;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The outcome of <see cref="InputSanitizer.Check"/>: text, a button press, or a refusal.</summary>
internal sealed record SanitizedInput(string? Text, string? ButtonData, string? RejectionReply)
{
    public bool IsRejected => RejectionReply is not null;

    public static SanitizedInput Accepted(string text) => new(text, null, null);

    public static SanitizedInput Button(string data) => new(null, data, null);

    public static SanitizedInput Rejected(string reply) => new(null, null, reply);
}
