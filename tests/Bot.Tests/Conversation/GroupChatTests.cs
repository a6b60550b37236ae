using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>
/// In a group everyone reads the replies: only plan questions (and help) are answered there; registration, filing,
/// status, exports and buttons get one reply asking to write privately, and change nothing.
/// </summary>
public sealed class GroupChatTests : IAsyncLifetime
{
    private const string Group = "-100777";
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    private async Task<IReadOnlyList<Reply>> InGroupAsync(string user, string? text, string? button = null) =>
        await chat.Engine.HandleAsync(new IncomingMessage("telegram", user, Group, text, button, DisplayName: "Cô Lan"), CancellationToken.None);

    [Fact]
    public async Task Registration_filing_status_and_files_in_a_group_ask_to_write_privately_and_change_nothing()
    {
        var invite = await chat.InviteAsync(Role.FocalPoint, "TH-YM-A");
        string[] personal = ["/dangky " + invite, "/baocao", "/trangthai", "/toi", "/huydangky", "nộp báo cáo tháng 11", "đơn vị nào chưa nộp báo cáo", "xuất báo cáo tháng 11"];
        foreach (var text in personal)
        {
            var reply = Assert.Single(await InGroupAsync(text.StartsWith("/dangky", StringComparison.Ordinal) ? "newcomer" : "fp1", text));
            Assert.Equal(CommonTexts.GroupPrivateOnly, reply.Text);
            Assert.Empty(reply.ButtonRows);
            Assert.Null(reply.File);
        }
        Assert.Equal(CommonTexts.GroupPrivateOnly, Assert.Single(await InGroupAsync("fp1", null, "cmd:baocao")).Text);

        // Nothing happened: no report opened, the invite still works, the focal point is still registered.
        Assert.Equal(0, await chat.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Contains("đầu mối", await chat.SayAsync("newcomer", "/dangky " + invite));
        Assert.Contains("Câu 1/17", await chat.SayAsync("fp1", "/baocao"));
    }

    [Fact]
    public async Task A_plan_question_in_a_group_is_answered_with_its_sources()
    {
        var reply = Assert.Single(await InGroupAsync("fp1", "Thanh toán không dùng tiền mặt trong trường học do phòng nào theo dõi?"));

        Assert.Contains("Phòng Tài chính", reply.Text, StringComparison.Ordinal);
        Assert.NotEmpty(reply.CitationList);
        Assert.Contains(CommonTexts.GroupPrivateOnly, Assert.Single(await InGroupAsync("fp1", "/trogiup")).Text);
    }
}
