using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>Greetings, thanks and "bạn là ai": a friendly reply for the person's role that keeps a form's place.</summary>
public sealed class SmallTalkTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task A_greeting_from_someone_unregistered_says_what_they_can_do()
    {
        var reply = await chat.SayAsync("guest", "Xin chào");

        Assert.Contains("Xin chào", reply);
        Assert.Contains("Tôi là trợ lý", reply);
        Assert.Contains("/dangky", reply);
        Assert.DoesNotContain("/baocao", reply);
    }

    [Fact]
    public async Task A_greeting_from_a_focal_point_names_the_school_and_the_report_command()
    {
        var reply = await chat.SayAsync("fp1", "chào bạn");

        Assert.Contains("Trường Tiểu học Yên Mô A", reply);
        Assert.Contains("/baocao", reply);
    }

    [Fact]
    public async Task Who_are_you_is_answered_as_small_talk_not_searched_in_the_plan()
    {
        var reply = await chat.SayAsync("guest", "bạn là ai?");

        Assert.Contains("Tôi là trợ lý chuyển đổi số", reply);
        Assert.DoesNotContain("Nguồn", reply);
    }

    [Fact]
    public async Task Thanks_in_the_middle_of_a_form_keeps_the_question_and_saves_nothing()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");

        var replies = await chat.SendAsync("fp1", "cảm ơn nhé");

        Assert.Equal(2, replies.Count);
        Assert.Contains("Không có gì", replies[0].Text);
        Assert.Contains("Câu 2/17", replies[1].Text);
        Assert.Equal(1, await chat.QueryAsync(db => db.Answers.CountAsync()));
        Assert.Contains("✓ Đã lưu: 3", await chat.SayAsync("fp1", "3"));
    }

    [Fact]
    public async Task A_question_that_starts_with_a_greeting_is_still_a_question()
    {
        var reply = await chat.SayAsync("guest", "chào bạn, hạn nộp báo cáo tháng là ngày nào?");

        Assert.DoesNotContain("Tôi là trợ lý", reply);
        Assert.Contains("20", reply);
    }
}
