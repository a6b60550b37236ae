using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Bot.Orchestration.Llm;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Tests.Orchestration;

public sealed class GroundingCheckTests
{
    private static TurnContext TurnWith(params string[] chunkIds)
    {
        var turn = new TurnContext(Caller.Anonymous("test:1"));
        turn.Record([.. chunkIds.Select(id => new Passage(id, $"Tài liệu {id}", $"Mục {id}", Authority.Verbatim, $"Nội dung của {id}.", 1))]);
        return turn;
    }

    [Fact]
    public void Citations_are_renumbered_in_order_of_first_use()
    {
        var answer = GroundingCheck.Apply("Thứ nhất [P2]. Thứ hai [P1, P2]. Lại thứ nhất [P2].", TurnWith("a", "b"));

        Assert.NotNull(answer);
        Assert.Equal("Thứ nhất [1]. Thứ hai [2][1]. Lại thứ nhất [1].", answer.Answer);
        Assert.Equal(["Tài liệu b", "Tài liệu a"], answer.Citations.Select(c => c.Document));
    }

    [Fact]
    public void Ids_that_the_turn_never_retrieved_are_removed()
    {
        var answer = GroundingCheck.Apply("Đúng [P1]. Bịa [P3]. Bịa nữa [P0][P12].", TurnWith("a", "b"));

        Assert.NotNull(answer);
        Assert.Equal("Đúng [1]. Bịa. Bịa nữa.", answer.Answer);
        Assert.Single(answer.Citations);
    }

    [Theory]
    [InlineData("Tôi không biết.")]
    [InlineData("Theo [P5] thì như vậy.")]
    [InlineData("")]
    public void An_answer_with_no_valid_citation_is_rejected(string text) =>
        Assert.Null(GroundingCheck.Apply(text, TurnWith("a")));

    [Fact]
    public void A_figure_no_function_returned_makes_the_answer_ungrounded()
    {
        var turn = TurnWith("a");
        turn.RecordResult("{\"lastDay\":\"19/11/2025\",\"daysLeft\":5}");

        Assert.NotNull(GroundingCheck.Apply("Hạn cuối là 19/11/2025, còn 5 ngày [P1].", turn));
        Assert.Null(GroundingCheck.Apply("Hạn cuối là 31/12/2025 [P1].", turn));
        Assert.Null(GroundingCheck.Apply("Cần đạt 90% [P1].", turn));
    }

    [Fact]
    public void Figures_from_the_question_and_thousands_separators_are_accepted()
    {
        var turn = TurnWith("a");
        turn.RecordResult("tổng 1234 đơn vị");

        Assert.NotNull(GroundingCheck.Apply("Tháng 11 có 1.234 đơn vị [P1].", turn, "Tháng 11 có bao nhiêu đơn vị?"));
    }

    [Fact]
    public void Nothing_retrieved_means_nothing_can_be_cited() =>
        Assert.Null(GroundingCheck.Apply("Theo [P1].", TurnWith()));
}
