using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>A new invite for another unit adds a role; the reply shows every role held and says the old ones remain.</summary>
public sealed class SecondInviteConversationTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync() => await chat.SeedAsync(
        ("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary),
        ("Xã Yên Mô", "MN-YM-B", "Trường Mầm non Yên Mô B", UnitKind.Preschool));

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task The_earlier_role_is_shown_and_said_to_remain_not_silently_kept()
    {
        var first = await chat.SayAsync("u9", "/dangky " + await chat.InviteAsync(Role.FocalPoint, "TH-YM-A"));
        Assert.DoesNotContain("vẫn còn hiệu lực", first);

        var second = await chat.SayAsync("u9", "/dangky " + await chat.InviteAsync(Role.FocalPoint, "MN-YM-B"));

        Assert.Contains("Trường Mầm non Yên Mô B", second);
        Assert.Contains("Trường Tiểu học Yên Mô A", second);
        Assert.Contains("vẫn còn hiệu lực", second);
        Assert.Contains("thu hồi", second);
    }
}
