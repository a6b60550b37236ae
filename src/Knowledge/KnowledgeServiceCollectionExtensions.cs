using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtsAssistant.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>Wires the knowledge base: ingestion, index (built on first use, re-built when files change), answering.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.SectionName));
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgeIndexHolder>();
        services.TryAddSingleton<IKnowledgeSearch, EmbeddedKnowledgeSearch>();
        services.TryAddSingleton<IKnowledgeAnswerer, KnowledgeAnswerer>();
        services.TryAddSingleton<KnowledgeBaseWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeBaseWatcher>());
        return services;
    }
}
