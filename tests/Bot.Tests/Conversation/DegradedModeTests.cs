namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class DegradedModeTests
{
    [Fact]
    public async Task When_the_reporting_database_cannot_be_opened_plan_questions_are_still_answered_with_citations()
    {
        await using var harness = new ConversationHarness();
        // A folder where the SQLite file should be: every open of the reporting database fails.
        Directory.CreateDirectory(harness.DatabaseFile);

        var replies = await harness.SendAsync("u1", "Chỉ tiêu thu tiền không dùng tiền mặt do phòng nào theo dõi?");

        var reply = Assert.Single(replies);
        Assert.Contains("Phòng Tài chính", reply.Text, StringComparison.Ordinal);
        Assert.NotEmpty(reply.CitationList);
    }

    [Fact]
    public async Task When_the_reporting_database_cannot_be_opened_filing_says_so_instead_of_failing()
    {
        await using var harness = new ConversationHarness();
        Directory.CreateDirectory(harness.DatabaseFile);

        var text = await harness.SayAsync("u1", "/baocao");

        Assert.Contains("tạm gián đoạn", text, StringComparison.Ordinal);
    }
}
