using System.Globalization;
using System.Text;

namespace DtsAssistant.Knowledge.Text;

/// <summary>The outcome of checking chat input: cleaned text to use, or a Vietnamese reply saying what is wrong.</summary>
public sealed record InputCheck(bool IsValid, string Text, string? Problem);

/// <summary>
/// Cleans what people type before anything else sees it: NFC, control and zero-width characters removed, whitespace
/// collapsed; empty, oversized, binary-looking or letter-less input gets a clear reply instead. Reusable by any channel.
/// </summary>
public static class InputGuard
{
    /// <summary>Longer than any real question; keeps pasted documents and floods out of the index.</summary>
    public const int MaxLength = 1000;

    public const string EmptyReply = "Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi, ví dụ: \"Hạn nộp báo cáo tháng là ngày nào?\"";

    public static readonly string TooLongReply =
        $"Câu hỏi quá dài (hơn {MaxLength} ký tự). Hãy hỏi ngắn gọn từng ý, ví dụ: \"Ai chủ trì chỉ tiêu học bạ số?\"";

    public const string UnreadableReply = "Nội dung gửi đến không phải văn bản đọc được. Hãy gõ câu hỏi bằng tiếng Việt.";

    public const string NoWordsReply = "Tôi chưa hiểu câu hỏi vì không có chữ hoặc số nào. Hãy gõ câu hỏi bằng tiếng Việt, ví dụ: \"Tỷ lệ giáo viên có chữ ký số cần đạt bao nhiêu?\"";

    public static InputCheck Check(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Invalid(EmptyReply);
        }

        // Judge size on the raw input: cleaning 100 KB only to refuse it is wasted work.
        if (input.Length > MaxLength * 4)
        {
            return Invalid(TooLongReply);
        }

        if (!VietnameseText.TryNfc(input, out var text))
        {
            // Lone surrogates: not valid Unicode, so not text anyone typed.
            return Invalid(UnreadableReply);
        }

        // One pass: white space collapsed to single spaces between words, none at either end.
        var builder = new StringBuilder(text.Length);
        var controls = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (c is '\n' or '\r' or '\t' || char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || c == '\uFFFD')
            {
                // Emoji come as surrogate pairs: dropped here, they carry nothing the knowledge base can match.
                controls += category is UnicodeCategory.Surrogate ? 0 : 1;
            }
            else
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }
        }

        if (controls > 0 && controls * 5 > text.Length)
        {
            return Invalid(UnreadableReply);
        }

        var cleaned = builder.ToString();
        if (cleaned.Length > MaxLength)
        {
            return Invalid(TooLongReply);
        }

        return cleaned.Any(char.IsLetterOrDigit) ? new InputCheck(true, cleaned, null) : Invalid(NoWordsReply);
    }

    private static InputCheck Invalid(string reply) => new(false, string.Empty, reply);
}
