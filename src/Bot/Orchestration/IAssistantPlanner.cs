using DtsAssistant.Knowledge.Answering;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>Where an answer came from, for logs and tests.</summary>
internal enum AnswerSource
{
    /// <summary>The deterministic planner, because no model is configured.</summary>
    Deterministic,

    /// <summary>The model, after its citations passed the grounding check.</summary>
    Model,

    /// <summary>The deterministic planner, because the model failed, was too slow, or was not grounded.</summary>
    Fallback,
}

internal sealed record PlannedAnswer(KnowledgeAnswer Answer, AnswerSource Source, string? FallbackReason = null);

/// <summary>Plans one free-text question over the assistant's plugin functions.</summary>
internal interface IAssistantPlanner
{
    Task<PlannedAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken);
}
