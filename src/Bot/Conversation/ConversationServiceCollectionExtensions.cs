using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Filing;
using DtsAssistant.Bot.Conversation.Registration;
using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Bot.Conversation.State;
using DtsAssistant.Bot.Conversation.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtsAssistant.Bot.Conversation;

internal static class ConversationServiceCollectionExtensions
{
    /// <summary>Wires the conversation core: router, commands, filing, status. Expects AddReporting (and AddKnowledge).</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<IConversationEngine, ConversationEngine>();
        services.AddSingleton<ConversationStateStore>();
        services.AddSingleton<HandledUpdates>();
        services.AddSingleton<DraftCache>();
        services.AddSingleton<CallerCache>();
        services.AddScoped<MessageRouter>();
        services.AddScoped<ISideQuestions, SideQuestionAnswerer>();
        services.AddScoped<RegistrationCommands>();
        services.AddScoped<Privacy.PersonalDataCommands>();
        services.AddScoped<FilingDialogue>();
        services.AddScoped<StatusQueries>();
        services.TryAddScoped<Charts.ChartService>();
        services.TryAddSingleton<Reminders.ReminderCommands>();
        return services;
    }
}
