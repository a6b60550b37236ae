using System.Text.Json.Nodes;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Bot.Orchestration.Plugins;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Tests.Orchestration;

/// <summary>The plugin functions as both planners call them: through the turn's kernel, over the real services.</summary>
public sealed class PluginTests : IDisposable
{
    private readonly ServiceProvider _services = OrchestrationHost.Build(new Dictionary<string, string?>
    {
        ["Knowledge:Path"] = OrchestrationHost.RepositoryKnowledgeBase,
        ["Knowledge:Watch"] = "false",
    });

    public void Dispose() => _services.Dispose();

    private async Task<(JsonNode Result, TurnContext Turn)> InvokeAsync(Caller caller, string plugin, string function, KernelArguments? arguments = null)
    {
        var turn = new TurnContext(caller);
        var kernel = _services.GetRequiredService<AssistantKernelFactory>().Create(turn);
        var result = await kernel.InvokeAsync<string>(plugin, function, arguments ?? []);
        return (JsonNode.Parse(result!)!, turn);
    }

    [Fact]
    public async Task With_no_model_configured_the_deterministic_planner_answers_through_the_knowledge_function()
    {
        const string question = "Ai chủ trì triển khai chữ ký số cho giáo viên?";

        var planner = _services.GetRequiredService<IAssistantPlanner>();
        var planned = await planner.AnswerAsync(new AssistantQuestion(Caller.Anonymous("test:1"), question), CancellationToken.None);

        Assert.IsType<DeterministicPlanner>(planner);
        Assert.Equal(AnswerSource.Deterministic, planned.Source);
        var direct = _services.GetRequiredService<IKnowledgeAnswerer>().Ask(question);
        Assert.Equal(direct.Answer, planned.Answer.Answer);
        Assert.Equal(direct.Citations, planned.Answer.Citations);
    }

    [Fact]
    public async Task Plan_items_return_table_rows_with_lead_unit_and_a_citable_id()
    {
        var (result, turn) = await InvokeAsync(Caller.Anonymous("test:1"), PlanFactsPlugin.Name, "plan_items", new() { ["topic"] = "chữ ký số giáo viên" });

        var rows = result.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.NotNull(turn.Find(row!["id"]!.GetValue<string>())));
        Assert.Contains(rows, row => !string.IsNullOrWhiteSpace(row!["lead"]?.GetValue<string>()));
    }

    [Fact]
    public void Reporting_deadlines_count_days_from_today_in_Vietnam()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 14, 18, 0, 0, TimeSpan.Zero)); // 15/11 01:00 in Vietnam
        var turn = new TurnContext(Caller.Anonymous("test:1"));
        var plugin = new PlanFactsPlugin(_services.GetRequiredService<DtsAssistant.Knowledge.Retrieval.IKnowledgeSearch>(), _services.GetRequiredService<DtsAssistant.Knowledge.Retrieval.KnowledgeIndexHolder>(), time);

        var result = JsonNode.Parse(plugin.Deadlines(turn.Attach(new Kernel())))!;

        Assert.Equal("15/11/2025", result["today"]!.GetValue<string>());
        var monthly = result["next"]!.AsArray().First(d => d!["period"]!.GetValue<string>() == "Monthly")!;
        Assert.Equal("19/11/2025", monthly["lastDay"]!.GetValue<string>());
        Assert.Equal(5, monthly["daysLeft"]!.GetValue<int>());
        Assert.NotNull(turn.Find(result["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Each_turns_kernel_records_only_its_own_passages()
    {
        var factory = _services.GetRequiredService<AssistantKernelFactory>();
        var first = new TurnContext(Caller.Anonymous("test:1"));
        var second = new TurnContext(Caller.Anonymous("test:2"));

        await factory.Create(first).InvokeAsync(KnowledgePlugin.Name, KnowledgePlugin.SearchFunction, new() { ["query"] = "chữ ký số" });

        Assert.True(first.RetrievedCount > 0);
        Assert.Equal(0, second.RetrievedCount);
        Assert.Null(second.Find("P1"));
    }

    [Fact]
    public async Task Report_status_refuses_a_person_without_a_reporting_role()
    {
        var (result, turn) = await InvokeAsync(Caller.Anonymous("test:1"), ReportingPlugin.Name, "report_status");

        Assert.True(result["refused"]!.GetValue<bool>());
        Assert.Equal(ReportingPlugin.Refusal, turn.Refusal);
        Assert.Equal(0, turn.RetrievedCount);
    }

    [Fact]
    public async Task Filing_history_refuses_anyone_but_the_units_focal_point()
    {
        var officer = new Caller(3, "test:3", "Cán bộ xã", [new RoleGrant(Role.CommuneOfficer, Commune: new CommuneInfo(1, "X01", "Xã Mẫu", true))]);

        var (result, turn) = await InvokeAsync(officer, FilingPlugin.Name, "report_history", new() { ["unitCode"] = "TH001" });

        Assert.True(result["refused"]!.GetValue<bool>());
        Assert.Equal(FilingPlugin.NotFocalPoint, turn.Refusal);
    }
}
