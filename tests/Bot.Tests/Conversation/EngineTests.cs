using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>The one engine: one apology, one length limit, commands from one table.</summary>
public sealed class EngineTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new(configure: s =>
    {
        s.RemoveAll<IAssistantPlanner>();
        s.AddSingleton<IAssistantPlanner, FailingPlanner>();
    });

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task A_failure_inside_the_core_gets_the_one_apology_and_the_next_message_works()
    {
        var failed = Assert.Single(await chat.SendAsync("guest", "chỉ tiêu học bạ số là gì?"));

        Assert.Equal(CommonTexts.Failure, failed.Text);
        Assert.Contains("Tôi là trợ lý", await chat.SayAsync("guest", "/start"));
    }

    [Fact]
    public async Task A_message_over_the_one_limit_is_refused_on_every_channel_before_anything_is_read()
    {
        foreach (var channel in new[] { "telegram", "zalo", "web", "console" })
        {
            var reply = Assert.Single(await chat.SendAsync("fp1", "/baocao " + new string('a', InputSanitizer.MaxLength), channel));
            Assert.Contains("tối đa 4.000 ký tự", reply.Text);
        }

        Assert.Equal(0, await chat.QueryAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task Help_lists_every_command_of_the_table_that_has_a_help_line()
    {
        var help = await chat.SayAsync("guest", "/trogiup");

        foreach (var entry in CommandTable.Entries.Where(e => e.Help is not null))
        {
            Assert.Contains("/" + entry.Names[0], help);
        }

        Assert.Contains("Tôi chưa biết lệnh /khongco", await chat.SayAsync("guest", "/khongco"));
    }

    [Fact]
    public async Task Slash_huy_in_the_middle_of_a_form_asks_before_deleting()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");

        var ask = await chat.SendAsync("fp1", "/huy");

        Assert.Contains("Hủy bản nháp?", ask[0].Text);
        Assert.Equal(1, await chat.QueryAsync(db => db.Answers.CountAsync()));
        Assert.Contains("Câu 2/17", await chat.SayAsync("fp1", "không"));
    }

    private sealed class FailingPlanner : IAssistantPlanner
    {
        public Task<PlannedAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("planner down");
    }
}
