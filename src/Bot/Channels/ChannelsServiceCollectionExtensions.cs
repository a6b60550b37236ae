using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Channels.Web;
using DtsAssistant.Bot.Channels.Zalo;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace DtsAssistant.Bot.Channels;

internal static class ChannelsServiceCollectionExtensions
{
    /// <summary>Wires the web chat always, Telegram when a bot token is set, Zalo OA when its settings are set.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelOptions>().BindConfiguration("Channels");
        services.AddOptions<TelegramOptions>().BindConfiguration("Telegram");
        services.AddOptions<ZaloOptions>().BindConfiguration("Zalo");
        services.AddSingleton<Conversation.Privacy.IChannelDataEraser, State.ChannelStateDataEraser>();
        services.AddSingleton(sp => new ChannelStateStore(sp.GetRequiredService<IOptions<ChannelOptions>>().Value.StatePath,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DownloadStore>();
        services.AddWebChat();
        services.AddHostedService<ChannelMaintenance>();

        if (configuration.GetSection("Telegram").Get<TelegramOptions>() is { Enabled: true })
        {
            services.AddHttpClient("telegram");
            services.AddSingleton<ITelegramBotClient>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("telegram");
                // The long poll must end before the HTTP timeout does.
                http.Timeout = TimeSpan.FromSeconds(options.PollTimeoutSeconds + 15);
                // RetryThreshold 0: a 429 comes back to the outgoing queue, which waits on the TimeProvider
                // and keeps pacing the other chats, instead of the library sleeping inside the call.
                return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken!,
                    string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl) { RetryThreshold = 0 }, http);
            });
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                var store = sp.GetRequiredService<ChannelStateStore>();
                return new TelegramSender(sp.GetRequiredService<ITelegramBotClient>(),
                    new OutgoingQueue(TelegramSender.Channel, new RateLimits(options.PerChatPerSecond, options.PerChatBurst, options.BulkPerSecond),
                        sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TelegramSender>>(),
                        chat => store.SetBlocked(TelegramSender.Channel, chat, blocked: true)),
                    store);
            });
            services.AddSingleton<TelegramUpdateHandler>();
            services.AddSingleton<TelegramChannel>();
            services.AddHostedService(sp => sp.GetRequiredService<TelegramChannel>());
        }

        if (configuration.GetSection("Zalo").Get<ZaloOptions>() is { Enabled: true })
        {
            // One token holder (its refresh lock) and one client per process, each with a named HttpClient.
            services.AddHttpClient(nameof(ZaloTokens), http => http.Timeout = TimeSpan.FromSeconds(15));
            services.AddHttpClient(nameof(ZaloClient), http => http.Timeout = TimeSpan.FromSeconds(30));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ZaloTokens>(sp,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ZaloTokens))));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ZaloClient>(sp,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ZaloClient))));
            services.AddSingleton(sp =>
            {
                var limits = ZaloSender.Limits(sp.GetRequiredService<IOptions<ZaloOptions>>().Value);
                return ActivatorUtilities.CreateInstance<ZaloSender>(sp,
                    new OutgoingQueue(ZaloSender.Channel, limits, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ZaloSender>>()));
            });
            services.AddSingleton<ZaloEventHandler>();
            services.AddSingleton<ZaloChannel>();
            services.AddHostedService(sp => sp.GetRequiredService<ZaloChannel>());
        }
        return services;
    }

    /// <summary>Maps the web chat, the webhooks of the channels that run, and /health.</summary>
    public static WebApplication MapChannels(this WebApplication app)
    {
        app.UseWebChatProtection();
        app.MapWebChat();
        var live = new List<string> { "web" };
        if (app.Services.GetService<TelegramChannel>() is { } telegram)
        {
            live.Add(telegram.UsesWebhook ? "telegram (webhook)" : "telegram (polling)");
            if (telegram.UsesWebhook)
            {
                app.MapPost(app.Services.GetRequiredService<IOptions<TelegramOptions>>().Value.WebhookPath,
                    (HttpRequest request) => telegram.ReceiveWebhookAsync(request));
            }
        }
        if (app.Services.GetService<ZaloChannel>() is { } zalo)
        {
            live.Add("zalo");
            var path = app.Services.GetRequiredService<IOptions<ZaloOptions>>().Value.WebhookPath;
            app.MapGet(path, () => Results.Ok());
            app.MapPost(path, (HttpRequest request) => zalo.ReceiveWebhookAsync(request));
        }
        app.MapGet("/health", () => Results.Ok(new { status = "ok", channels = live }));
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DtsAssistant.Channels")
            .LogInformation("Channels live: {Channels}", string.Join(", ", live));
        return app;
    }
}

/// <summary>Prunes old duplicate-filter ids and button tokens, and expired web chat sessions with their history, once an hour.</summary>
internal sealed class ChannelMaintenance(ChannelStateStore store, WebSessionStore webSessions, IOptions<ChannelOptions> options, TimeProvider time,
    ILogger<ChannelMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            var pruned = store.PruneInbox(options.Value.DedupRetention);
            if (pruned > 0)
            {
                logger.LogInformation("Pruned {Count} handled update ids", pruned);
            }

            var expired = webSessions.PruneExpired();
            if (expired > 0)
            {
                logger.LogInformation("Pruned {Count} expired web chat sessions", expired);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
