using DtsAssistant.Bot.Conversation.Routing;

namespace DtsAssistant.Bot.Conversation;

internal static class ConversationServiceCollectionExtensions
{
    /// <summary>Wires the conversation core: router, commands, filing, status.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<IConversationEngine, ConversationEngine>();
        services.AddScoped<MessageRouter>();
        services.AddScoped<KnowledgeReplies>();
        return services;
    }
}
