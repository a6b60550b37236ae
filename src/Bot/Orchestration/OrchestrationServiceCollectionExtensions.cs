using DtsAssistant.Bot.Orchestration.Llm;
using DtsAssistant.Knowledge.Qdrant;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace DtsAssistant.Bot.Orchestration;

internal static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Wires the planners over the plugin functions (call after AddKnowledge and AddReporting). With no
    /// <c>Llm:Endpoint</c>/<c>Llm:Model</c> the deterministic planner answers and nothing leaves the machine; with them,
    /// the model plans and the deterministic planner is its fallback. <c>Qdrant:Endpoint</c> moves knowledge search to
    /// Qdrant, and <c>Embeddings:Endpoint</c>/<c>Embeddings:Model</c> add dense vectors there.
    /// </summary>
    public static IServiceCollection AddOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "Llm:Endpoint must be an absolute URL, e.g. http://localhost:11434/v1")
            .Validate(o => o.TurnTimeoutSeconds > 0 && o.AttemptTimeoutSeconds > 0 && o.MaxRetries >= 0, "Llm timeouts must be positive and Llm:MaxRetries not negative")
            .ValidateOnStart();
        services.AddSingleton<AssistantKernelFactory>();
        services.AddSingleton<DeterministicPlanner>();
        services.AddSingleton<FreeTextQuestions>();

        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        services.AddLlmHttpClient(llm);
        services.AddEmbeddingGenerator(configuration);
        services.AddQdrantKnowledgeIndex(configuration);
        if (!llm.IsConfigured)
        {
            services.AddSingleton<IAssistantPlanner>(sp => sp.GetRequiredService<DeterministicPlanner>());
            return services;
        }

        services.AddSingleton<IChatCompletionService>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new OpenAIChatCompletionService(
                options.Model!,
                new Uri(options.Endpoint!),
                // Self-hosted endpoints (Ollama, vLLM) take no key, but the OpenAI client insists on one.
                string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey,
                httpClient: sp.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttp.ClientName),
                loggerFactory: sp.GetService<ILoggerFactory>());
        });
        services.AddSingleton<ChatMemory>();
        services.AddSingleton<LlmPlanner>();
        services.AddSingleton<IAssistantPlanner>(sp => sp.GetRequiredService<LlmPlanner>());
        return services;
    }
}
