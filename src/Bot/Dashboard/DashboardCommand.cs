using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Status;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Reporting.Directory;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DtsAssistant.Bot.Dashboard;

/// <summary>
/// The chat command /bangdieukhien: a one-time sign-in link for commune officers and department staff, made for the
/// chat identity that asked (the page reads that identity's roles again on every request).
/// </summary>
internal sealed class DashboardCommand(DashboardSessions sessions, IConfiguration configuration, IServiceProvider services)
{
    public Reply Reply(Caller caller, string channel, string userId)
    {
        if (!StatusQueries.SeesStatus(caller))
        {
            return new Reply(DashboardTexts.NotAllowed);
        }

        var token = sessions.CreateLink(new DashboardIdentity(channel, userId));
        var scope = caller.SeesProvince ? "toàn tỉnh" : string.Join(", ", caller.OverseenCommunes.Select(c => c.Name));
        return new Reply(DashboardTexts.Link($"{BaseUrl()}{DashboardEndpoints.Path}/vao/{token}", sessions.LinkLifetime, scope));
    }

    /// <summary>Channels:PublicBaseUrl when set; otherwise the address this server listens on; otherwise the configured one.</summary>
    private string BaseUrl()
    {
        if (configuration["Channels:PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var urls = listening ?? configuration["urls"] ?? configuration["Host:Urls"] ?? AssistantHost.DefaultUrls;
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0].TrimEnd('/');
    }
}

internal static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration("Dashboard");
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<DashboardCommand>();
        return services;
    }
}
