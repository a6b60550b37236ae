using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Common;

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

    [Fact]
    public async Task In_a_group_help_is_answered_the_group_way_while_the_reporting_database_is_down()
    {
        await using var harness = new ConversationHarness();
        Directory.CreateDirectory(harness.DatabaseFile);

        // A group needs no one looked up: the same replies as when the database is up.
        var replies = await harness.Engine.HandleAsync(new IncomingMessage("telegram", "u1", "-100777", "/huongdan", null), CancellationToken.None);

        var text = Assert.Single(replies).Text;
        Assert.StartsWith(CommonTexts.GroupPrivateOnly, text, StringComparison.Ordinal);
        Assert.Contains("/baocao", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_name_of_help_is_answered_while_the_reporting_database_is_down()
    {
        await using var harness = new ConversationHarness();
        Directory.CreateDirectory(harness.DatabaseFile);

        foreach (var name in new[] { "/trogiup", "/help", "/huongdan" })
        {
            Assert.Contains("/baocao", await harness.SayAsync("u1", name), StringComparison.Ordinal);
        }
    }
}
