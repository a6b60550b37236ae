using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Telegram;
using DtsAssistant.Bot.Channels.Zalo;

namespace DtsAssistant.Bot.Reminders;

internal static class RemindersServiceCollectionExtensions
{
    /// <summary>
    /// The reminder sender for the server: a channel per live platform that can send unasked (Telegram when configured),
    /// the dispatcher, and the hosted service unless <c>Reminders:Enabled</c> is false. Call after AddChannels.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReminderCommands>();
        if (configuration.GetSection("Telegram").Get<TelegramOptions>() is { Enabled: true })
        {
            services.AddSingleton<IReminderChannel>(sp => new TelegramReminderChannel(sp.GetRequiredService<TelegramSender>(), sp.GetRequiredService<ChannelStateStore>()));
        }

        if (configuration.GetSection("Zalo").Get<ZaloOptions>() is { Enabled: true })
        {
            services.AddSingleton<IReminderChannel>(sp => new ZaloReminderChannel(sp.GetRequiredService<ZaloSender>(), sp.GetRequiredService<ChannelStateStore>()));
        }

        services.AddSingleton<ReminderDispatcher>();
        if (!string.Equals(configuration["Reminders:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<ReminderService>();
        }

        return services;
    }
}
