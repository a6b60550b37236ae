using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class RegistrationConversationTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync() =>
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task An_invite_code_binds_the_chat_identity_to_its_unit_and_role()
    {
        var code = await chat.InviteAsync(Role.FocalPoint, "TH-YM-A");
        var bound = await chat.SayAsync("u1", "/dangky " + code);
        Assert.Contains("Trường Tiểu học Yên Mô A", bound);

        var me = await chat.SayAsync("u1", "/toi");
        Assert.Contains("đầu mối CĐS của Trường Tiểu học Yên Mô A", me);
        Assert.Equal(1, await chat.QueryAsync(db => db.ChatIdentities.CountAsync(i => i.Channel == "telegram" && i.PlatformUserId == "u1")));
    }

    [Fact]
    public async Task Wrong_used_and_expired_codes_get_clear_replies_and_bind_nothing()
    {
        Assert.Contains("không đúng", await chat.SayAsync("u1", "/dangky SAI-MA"));

        var code = await chat.InviteAsync(Role.FocalPoint, "TH-YM-A");
        await chat.SayAsync("u2", "/dangky " + code);
        Assert.Contains("đã được sử dụng", await chat.SayAsync("u1", "/dangky " + code));

        var expiring = await chat.InviteAsync(Role.FocalPoint, "TH-YM-A");
        chat.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Contains("hết hạn", await chat.SayAsync("u1", "/dangky " + expiring));

        Assert.Contains("Bạn chưa đăng ký", await chat.SayAsync("u1", "/toi"));
        Assert.Contains("kèm mã mời", await chat.SayAsync("u1", "/dangky"));
    }

    [Fact]
    public async Task Repeated_wrong_codes_from_one_identity_are_refused_for_a_while_and_logged()
    {
        for (var i = 0; i < 5; i++)
        {
            await chat.SayAsync("guesser", $"/dangky ABCDE-{i:D5}");
        }

        var good = await chat.InviteAsync(Role.FocalPoint, "TH-YM-A");
        var refused = await chat.SayAsync("guesser", "/dangky " + good);
        Assert.Contains("sai mã quá nhiều lần", refused);
        Assert.Contains("Bạn chưa đăng ký", await chat.SayAsync("guesser", "/toi"));
        Assert.True(await chat.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == "invite.redeem.failed")) >= 5);

        // Another identity is not affected, and the code still works for it.
        Assert.Contains("Trường Tiểu học Yên Mô A", await chat.SayAsync("honest", "/dangky " + good));
    }

    [Fact]
    public async Task Unregistering_removes_the_right_to_file()
    {
        await chat.RegisterAsync("u1", Role.FocalPoint, "TH-YM-A");
        Assert.Contains("Câu 1/", await chat.SayAsync("u1", "/baocao"));
        var ask = Assert.Single(await chat.SendAsync("u1", "/huydangky"));
        Assert.Contains("có chắc muốn hủy đăng ký", ask.Text);
        Assert.Contains("Câu 1/", await chat.SayAsync("u1", "/baocao"));
        Assert.Contains("Đã hủy đăng ký", ConversationHarness.Text(await chat.PressAsync("u1", ask.ButtonRows[0][0].Data)));
        Assert.Contains("Chỉ đầu mối CĐS", await chat.SayAsync("u1", "/baocao"));
        Assert.Contains("chưa đăng ký", await chat.SayAsync("u1", "/huydangky"));
    }

    [Fact]
    public async Task Unregistering_asks_first_and_keeps_the_role_when_declined()
    {
        await chat.RegisterAsync("u2", Role.FocalPoint, "TH-YM-A");
        var ask = Assert.Single(await chat.SendAsync("u2", "/huydangky"));
        Assert.Equal(["Hủy đăng ký", "Không, giữ lại"], ask.ButtonRows[0].Select(b => b.Label));

        Assert.Contains("giữ nguyên", ConversationHarness.Text(await chat.PressAsync("u2", ask.ButtonRows[0][1].Data)));
        Assert.Contains("đầu mối CĐS", await chat.SayAsync("u2", "/toi"));
        Assert.Contains("Câu 1/", await chat.SayAsync("u2", "/baocao"));
    }

    [Fact]
    public async Task An_unbinding_made_outside_the_chat_is_seen_once_the_remembered_caller_expires()
    {
        await chat.RegisterAsync("u1", Role.FocalPoint, "TH-YM-A");
        Assert.Contains("đầu mối CĐS", await chat.SayAsync("u1", "/toi"));

        var directory = chat.Services.GetRequiredService<IDirectoryService>();
        Assert.True(await directory.UnbindAsync(Caller.System("test"), "telegram", "u1"));

        chat.Clock.Advance(DtsAssistant.Bot.Conversation.Routing.CallerCache.Lifetime);
        Assert.Contains("Bạn chưa đăng ký", await chat.SayAsync("u1", "/toi"));
        Assert.Contains("Chỉ đầu mối CĐS", await chat.SayAsync("u1", "/baocao"));
    }

    [Fact]
    public async Task A_start_link_with_an_invite_code_registers()
    {
        var code = await chat.InviteAsync(Role.FocalPoint, "TH-YM-A");
        Assert.Contains("Trường Tiểu học Yên Mô A", await chat.SayAsync("u1", "/start " + code));
        Assert.Contains("đầu mối CĐS", await chat.SayAsync("u1", "/toi"));
    }

    [Fact]
    public async Task The_same_user_id_on_another_channel_is_another_identity()
    {
        await chat.RegisterAsync("u1", Role.FocalPoint, "TH-YM-A");
        var zalo = ConversationHarness.Text(await chat.SendAsync("u1", "/toi", channel: "zalo"));
        Assert.Contains("Bạn chưa đăng ký", zalo);
    }
}
