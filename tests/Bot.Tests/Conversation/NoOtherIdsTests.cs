using DtsAssistant.Bot.Conversation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>
/// Nobody else's ids in replies: another focal point of the unit is named by their display name, or as "đầu mối khác
/// của đơn vị" when the platform gave none (the web chat), never by chat id.
/// </summary>
public sealed class NoOtherIdsTests : IAsyncLifetime
{
    private const string WebId = "wVictim7f3a9c";
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync() =>
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));

    public async Task DisposeAsync() => await chat.DisposeAsync();

    private async Task<string> SayAsync(string channel, string user, string text, string? name) => ConversationHarness.Text(
        await chat.Engine.HandleAsync(new IncomingMessage(channel, user, user, text, DisplayName: name), CancellationToken.None));

    [Fact]
    public async Task A_change_by_another_focal_point_names_them_or_says_another_focal_point_never_their_chat_id()
    {
        Assert.Contains("đầu mối", await SayAsync("web", WebId, "/dangky " + await chat.InviteAsync(Role.FocalPoint, "TH-YM-A"), name: null));
        Assert.Contains("đầu mối", await SayAsync("telegram", "5551", "/dangky " + await chat.InviteAsync(Role.FocalPoint, "TH-YM-A"), "Thầy Nam"));
        Assert.Contains("Câu 1/17", await SayAsync("telegram", "5551", "/baocao", "Thầy Nam"));
        Assert.Contains("Câu 1/17", await SayAsync("web", WebId, "/baocao", null));

        // The web person answers question 1; Thầy Nam, who saw the draft before, answers it too: a conflict notice.
        Assert.Contains("Câu 2/17", await SayAsync("web", WebId, "rồi", null));
        var notice = await SayAsync("telegram", "5551", "chưa", "Thầy Nam");
        Assert.Contains("đầu mối khác của đơn vị", notice);
        Assert.DoesNotContain(WebId, notice);
        Assert.DoesNotContain("web:", notice);

        var me = await SayAsync("web", WebId, "/toi", null);
        Assert.DoesNotContain(WebId, me);
    }
}
