using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>
/// The planner with a model: the model chooses among the turn's functions (automatic function calling), its answer is
/// checked against what the functions returned, and anything that goes wrong — slow, down, circuit open, ungrounded —
/// sends the deterministic answer instead, so nobody is left waiting.
/// </summary>
internal sealed partial class LlmPlanner(
    AssistantKernelFactory kernels,
    DeterministicPlanner fallback,
    IChatCompletionService chat,
    ChatMemory memory,
    IOptions<LlmOptions> options,
    TimeProvider time,
    ILogger<LlmPlanner> logger) : IAssistantPlanner
{
    private readonly LlmOptions _options = options.Value;

    public async Task<PlannedAnswer> AnswerAsync(AssistantQuestion question, CancellationToken cancellationToken)
    {
        // Empty, oversized, binary or letter-less input never goes to the model: the deterministic path says what is wrong.
        var input = InputGuard.Check(question.Text);
        if (!input.IsValid)
        {
            return await fallback.AnswerAsync(question, cancellationToken);
        }

        var turn = new TurnContext(question.Caller);
        var kernel = kernels.CreateForModel(turn, _options.AllowReportData);
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TurnTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var history = new ChatHistory(SystemPrompt.Text);
            history.AddRange(await memory.RecentAsync(question.ConversationKey, linked.Token));
            history.AddUserMessage(input.Text);
            var settings = new OpenAIPromptExecutionSettings
            {
                FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
                Temperature = 0,
            };
            var reply = await chat.GetChatMessageContentAsync(history, settings, kernel, linked.Token);
            if (GroundingCheck.Apply(reply.Content, turn, input.Text) is not { } grounded)
            {
                if (turn.Refusal is { } refusal)
                {
                    // The model asked for something this person may not see: relay the function's refusal, not the
                    // model's paraphrase of it.
                    return new PlannedAnswer(new KnowledgeAnswer(refusal, false, []), AnswerSource.Model);
                }

                LogUngrounded(logger, turn.RetrievedCount);
                return await fallback.AnswerAsync(question, AnswerSource.Fallback, "ungrounded", cancellationToken);
            }

            memory.Remember(question.ConversationKey, question.Text, grounded.Answer);
            return new PlannedAnswer(grounded, AnswerSource.Model);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, _options.TurnTimeoutSeconds);
            return await fallback.AnswerAsync(question, AnswerSource.Fallback, "timeout", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The boundary: whatever the model or its transport did, the person still gets the deterministic answer.
            LogFailure(logger, exception);
            return await fallback.AnswerAsync(question, AnswerSource.Fallback, "model-error", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model answer had no citation of the {Retrieved} retrieved passages; sending the deterministic answer")]
    private static partial void LogUngrounded(ILogger logger, int retrieved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model did not answer within {Seconds} s; sending the deterministic answer")]
    private static partial void LogTimeout(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model call failed; sending the deterministic answer")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
