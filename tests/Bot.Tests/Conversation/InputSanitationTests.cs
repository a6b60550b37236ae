using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Routing;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class InputSanitationTests
{
    private static SanitizedInput Check(string? text, string? button = null) =>
        InputSanitizer.Check(new IncomingMessage("test", "u1", "u1", text, button));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_messages_are_refused_with_an_example(string? text)
    {
        var result = Check(text);
        Assert.True(result.IsRejected);
        Assert.Contains("trống", result.RejectionReply);
    }

    [Fact]
    public void A_hundred_kilobyte_message_is_refused()
    {
        var result = Check(new string('a', 100 * 1024));
        Assert.True(result.IsRejected);
        Assert.Contains("quá dài (102.400 ký tự)", result.RejectionReply);
        Assert.Contains("ngắn gọn, tối đa 4.000 ký tự.", result.RejectionReply);
    }

    [Theory]
    [InlineData("abc\0def")]
    [InlineData("PK\u0003\u0004\u0014\u0000")]
    [InlineData("hỏi \u001b[31m đỏ")]
    [InlineData("\uFFFD\uFFFD\uFFFD")]
    public void Binary_and_control_characters_are_refused(string text)
    {
        var result = Check(text);
        Assert.True(result.IsRejected);
        Assert.Contains("không đọc được", result.RejectionReply);
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("👍👍👍 🎉")]
    [InlineData("!!! ???")]
    public void Emoji_only_messages_are_refused(string text)
    {
        var result = Check(text);
        Assert.True(result.IsRejected);
        Assert.Contains("biểu tượng", result.RejectionReply);
    }

    [Fact]
    public void Decomposed_vietnamese_is_normalized_and_kept()
    {
        var decomposed = "hạn nộp".Normalize(System.Text.NormalizationForm.FormD);
        var result = Check("  " + decomposed + " 👍 ");
        Assert.False(result.IsRejected);
        Assert.Equal("hạn nộp 👍", result.Text);
    }

    [Fact]
    public void Forged_button_data_is_refused()
    {
        Assert.True(Check(null, new string('x', 500)).IsRejected);
        Assert.True(Check(null, "abc\u0001").IsRejected);
        Assert.Equal("yes", Check(null, "yes").ButtonData);
    }
}
