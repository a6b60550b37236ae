using DtsAssistant.Bot.Channels;
using DtsAssistant.Bot.Dashboard;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Bot.Reminders;

namespace DtsAssistant.Bot.Hosting;

/// <summary>The server: the shared core, the channels, the web chat, /health.</summary>
internal static class AssistantHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <param name="args">Command-line settings, e.g. --urls or --Telegram:BotToken=...</param>
    /// <param name="settings">Lets tests and benchmarks add settings (before the channels decide whether they run).</param>
    /// <param name="services">Lets tests and benchmarks add or replace services after the composition root.</param>
    public static WebApplication Build(string[] args, Action<ConfigurationManager>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json ships next to the binary, wherever the command is run from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        settings?.Invoke(builder.Configuration);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(builder.Configuration["Host:Urls"] is { Length: > 0 } urls ? urls : DefaultUrls);
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddAssistantCore(builder.Configuration);
        builder.Services.AddChannels(builder.Configuration);
        builder.Services.AddReminders(builder.Configuration);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapChannels();
        app.MapDashboard();
        app.Lifetime.ApplicationStarted.Register(() => LogStart(app));
        return app;
    }

    private static void LogStart(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DtsAssistant.Host");
        foreach (var url in app.Urls)
        {
            logger.LogInformation("Web chat: {Url}", url);
        }
        var configuration = app.Configuration;
        // One description of what leaves the machine (origins only, never keys), shared with the orchestration layer.
        ExternalServicesReport.Log(configuration, logger);
        if (string.Equals(configuration["Database:Provider"], "postgres", StringComparison.OrdinalIgnoreCase)
            || string.Equals(configuration["Database:Provider"], "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("Reporting database: PostgreSQL (Database:Provider)");
        }
    }
}
