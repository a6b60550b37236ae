using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Embeddings;

namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>The optional embedding endpoint as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for Qdrant's dense vectors.</summary>
internal static class EmbeddingGeneratorFactory
{
    public static IServiceCollection AddEmbeddingGenerator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section);
        var embeddings = configuration.GetSection(EmbeddingOptions.Section).Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        if (!embeddings.IsConfigured)
        {
            return services;
        }

        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var client = new EmbeddingClient(
                options.Model!,
                new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.Endpoint!),
                    Transport = new HttpClientPipelineTransport(sp.GetRequiredService<IHttpClientFactory>().CreateClient(LlmHttp.ClientName)),
                    // Retries and timeouts belong to the resilience handler of the HTTP client, not to the SDK too.
                    RetryPolicy = new ClientRetryPolicy(0),
                });
            return client.AsIEmbeddingGenerator();
        });
        return services;
    }
}
