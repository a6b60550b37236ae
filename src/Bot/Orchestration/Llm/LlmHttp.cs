using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>
/// The HTTP client the model connector uses: a timeout per attempt, retries with exponential backoff and jitter for
/// transient failures (5xx, 408, 429, timeouts), and a circuit breaker so a model that is down is not asked again for
/// a while — the planner then answers deterministically at once.
/// </summary>
internal static class LlmHttp
{
    public const string ClientName = "llm";

    public static IServiceCollection AddLlmHttpClient(this IServiceCollection services, LlmOptions options)
    {
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("llm", pipeline =>
            {
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(400),
                    });
                }
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(30),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        return services;
    }
}
