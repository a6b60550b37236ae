using DtsAssistant.Bot.Orchestration.Plugins;
using DtsAssistant.Knowledge.Answering;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>The planner with no model: calls the knowledge plugin's answer function through the turn's kernel.</summary>
internal sealed class DeterministicPlanner(AssistantKernelFactory kernels) : IAssistantPlanner
{
    public Task<PlannedAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken) =>
        AnswerAsync(question, AnswerSource.Deterministic, null, cancellationToken);

    public async Task<PlannedAnswer> AnswerAsync(AssistantQuestion question, AnswerSource source, string? reason, CancellationToken cancellationToken)
    {
        var kernel = kernels.Create(new TurnContext(question.Caller));
        var answer = await kernel.InvokeAsync<KnowledgeAnswer>(
            KnowledgePlugin.Name,
            KnowledgePlugin.AnswerFunction,
            new KernelArguments { ["question"] = question.Text },
            cancellationToken);
        return new PlannedAnswer(answer ?? new KnowledgeAnswer(NoAnswer, false, []), source, reason);
    }

    internal const string NoAnswer = "Xin lỗi, tôi chưa tìm thấy thông tin này trong kế hoạch và các văn bản hướng dẫn.";
}
