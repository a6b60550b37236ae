using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client;

namespace DtsAssistant.Knowledge.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Qdrant:Endpoint</c> is set, knowledge search goes through Qdrant instead of the embedded index (call
    /// after AddKnowledge). An <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> registered in the
    /// container adds dense vectors. Without the setting nothing changes.
    /// </summary>
    public static IServiceCollection AddQdrantKnowledgeIndex(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(QdrantOptions.Section).Get<QdrantOptions>() ?? new QdrantOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddOptions<QdrantOptions>().Bind(configuration.GetSection(QdrantOptions.Section));
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
            return new QdrantClient(new Uri(settings.Endpoint!), settings.ApiKey, TimeSpan.FromSeconds(settings.TimeoutSeconds), sp.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton<ISparseTextEncoder, AnalyzerSparseEncoder>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<QdrantKnowledgeIndex>(sp));
        services.TryAddSingleton<QdrantKnowledgeSearch>();
        services.Replace(ServiceDescriptor.Singleton<IKnowledgeSearch>(sp => sp.GetRequiredService<QdrantKnowledgeSearch>()));
        return services;
    }
}
