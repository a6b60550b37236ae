using DtsAssistant.Knowledge.Answering;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>Passage answers (security practices, guidelines) and honest declines, with questions of our own.</summary>
public sealed class PassageAnswerTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    private KnowledgeAnswer Ask(string question) => kb.Answerer().Ask(question);

    [Theory]
    [InlineData("Trường mình nên sao lưu dữ liệu bao lâu một lần ạ?")]
    [InlineData("sao luu du lieu bao lau 1 lan")]
    [InlineData("Dữ liệu cần backup mấy lần?")]
    public void How_often_to_back_up_is_answered_by_the_plans_practice_cut_to_its_clause(string question)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.StartsWith("…thường xuyên sao lưu các dữ liệu cần thiết", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("tường lửa", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("Kế hoạch 27/KH-SGDĐT", answer.Citations[0].Document);
    }

    [Fact]
    public void How_often_to_change_a_password_is_answered_by_the_practice_that_says_thuong_xuyen()
    {
        var answer = Ask("Mật khẩu phải đổi bao lâu một lần?");
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains("thường xuyên phải thay đổi mật khẩu", answer.Answer, StringComparison.Ordinal);
    }
}
