using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Tests;

public sealed class InputGuardTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    public static TheoryData<string, string> BadInputs => new()
    {
        { "", InputGuard.EmptyReply },
        { "   \n\t ", InputGuard.EmptyReply },
        { new string('a', 100_000), InputGuard.TooLongReply },
        { "\u0001\u0002\u0003\u0004\u0005\u0006 ab", InputGuard.UnreadableReply },
        { "😀🎉🔥", InputGuard.NoWordsReply },
        { "?!... ---", InputGuard.NoWordsReply },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_a_clear_Vietnamese_reply(string input, string reply)
    {
        var check = InputGuard.Check(input);
        Assert.False(check.IsValid);
        Assert.Equal(reply, check.Problem);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_to_ask_is_not_found_and_does_not_throw(string input, string reply)
    {
        var answer = kb.Answerer().Ask(input);
        Assert.False(answer.Found);
        Assert.Equal(reply, answer.Answer);
    }

    [Fact]
    public void Control_and_zero_width_characters_are_removed_and_whitespace_collapsed()
    {
        var check = InputGuard.Check("  Hạn\u200B nộp\tbáo\u0007 cáo\r\n tháng  ");
        Assert.True(check.IsValid);
        Assert.Equal("Hạn nộp báo cáo tháng", check.Text);
    }

    [Fact]
    public void Emoji_around_a_question_are_dropped_and_the_question_kept()
    {
        var check = InputGuard.Check("🙏 Ai chủ trì học bạ số? 🙏");
        Assert.True(check.IsValid);
        Assert.Equal("Ai chủ trì học bạ số?", check.Text);
    }

    [Fact]
    public void A_question_just_under_the_limit_is_accepted() =>
        Assert.True(InputGuard.Check(new string('a', InputGuard.MaxLength)).IsValid);
}
