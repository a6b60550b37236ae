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

    [Theory]
    [InlineData("Mức học phí tiểu học năm học này là bao nhiêu?")]
    [InlineData("Tiền ăn bán trú mầm non bao nhiêu một tháng?")]
    [InlineData("Học phí THCS bao nhiêu tiền?")]
    public void A_how_much_question_is_not_answered_by_a_quote_that_states_no_figure(string question)
    {
        var answer = Ask(question);
        Assert.False(answer.Found, answer.Answer);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public void A_how_much_question_is_answered_by_a_quote_that_states_a_rate_in_words()
    {
        var answer = Ask("Dịch vụ công của ngành phải đảm bảo tỷ lệ nào?");
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains("tỷ lệ chung của tỉnh", answer.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ai là người phát động phong trào Bình dân học vụ số?")]
    [InlineData("phong trao binh dan hoc vu so ai phat dong")]
    public void Who_launched_a_movement_is_answered_from_the_text_not_by_the_lead_of_an_indicator_that_mentions_it(string question)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains("Tô Lâm", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("chỉ tiêu 1", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_follows_the_indicator_that_mentions_the_movement_is_still_its_lead()
    {
        var answer = Ask("Ai theo dõi việc hưởng ứng phong trào Bình dân học vụ số?");
        Assert.StartsWith("Phòng Công tác học sinh, sinh viên chủ trì theo dõi chỉ tiêu 1", answer.Answer, StringComparison.Ordinal);
    }
}
