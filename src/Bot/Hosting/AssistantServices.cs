using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Dashboard;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Knowledge;
using DtsAssistant.Reporting;

namespace DtsAssistant.Bot.Hosting;

/// <summary>The composition root shared by the server, the terminal chat and the CLI commands.</summary>
internal static class AssistantServices
{
    public static IServiceCollection AddAssistantCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddKnowledge(configuration);
        services.AddReporting(configuration);
        // One source for the schedule: the knowledge answers state the deadlines of Reporting's schedule file.
        services.AddScheduleDeadlines(configuration);
        services.AddConversation(configuration);
        services.AddOrchestration(configuration);
        services.AddDashboard();
        return services;
    }
}
