using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DtsAssistant.Bot.Channels.Inbox;
using DtsAssistant.Bot.Channels.State;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace DtsAssistant.Bot.Channels.Telegram;

/// <summary>
/// The Telegram channel's life cycle: registers the commands, then either long-polls or sets the webhook.
/// Every update goes into the durable inbox first; in polling mode the new offset is stored in the same
/// transaction, so a restart neither loses nor repeats an update.
/// </summary>
internal sealed class TelegramChannel : IHostedService
{
    public const string OffsetKey = "telegram:offset";
    private const string SecretKey = "telegram:webhook_secret";

    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>Telegram's "/" menu: every command of the one command table that has a help line, in its order.</summary>
    public static readonly BotCommand[] Commands = Conversation.Routing.CommandTable.Entries
        .Where(e => e.Help is not null)
        .Select(e => new BotCommand { Command = e.Names[0], Description = MenuDescription(e.Help!) })
        .ToArray();

    /// <summary>"&lt;mã&gt; — đăng ký bằng mã mời" → "Đăng ký bằng mã mời" (the menu has no room for the argument).</summary>
    private static string MenuDescription(string help)
    {
        var dash = help.IndexOf(" — ", StringComparison.Ordinal);
        var text = dash >= 0 ? help[(dash + 3)..] : help;
        return char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    private readonly ITelegramBotClient _bot;
    private readonly ChannelStateStore _store;
    private readonly TelegramOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramChannel> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _polling = Task.CompletedTask;

    public TelegramChannel(ITelegramBotClient bot, ChannelStateStore store, TelegramUpdateHandler handler,
        IOptions<TelegramOptions> options, IOptions<ChannelOptions> channelOptions, TimeProvider time, ILogger<TelegramChannel> logger)
    {
        _bot = bot;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Inbox = new ChannelInbox(TelegramSender.Channel, store, handler.HandleAsync, logger, channelOptions.Value.MaxConcurrentUpdates, time);
    }

    public ChannelInbox Inbox { get; }

    public bool UsesWebhook => !string.IsNullOrWhiteSpace(_options.WebhookUrl);

    /// <summary>The secret Telegram must echo on every webhook call.</summary>
    public string WebhookSecret
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(_options.WebhookSecret))
            {
                return _options.WebhookSecret;
            }
            var stored = _store.Get(SecretKey);
            if (stored is null)
            {
                stored = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
                _store.Set((SecretKey, stored));
            }
            return stored;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Inbox.ResumePending();
        try
        {
            await _bot.SetMyCommands(Commands, languageCode: null, cancellationToken: cancellationToken);
            if (UsesWebhook)
            {
                await _bot.SetWebhook(_options.WebhookUrl!, allowedUpdates: AllowedUpdates, secretToken: WebhookSecret,
                    cancellationToken: cancellationToken);
                _logger.LogInformation("Telegram is live (webhook at {Path})", _options.WebhookPath);
                return;
            }
            // Polling and a webhook exclude each other.
            await _bot.DeleteWebhook(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telegram may be unreachable at start; polling keeps retrying, and commands are cosmetic.
            _logger.LogWarning(ex, "Telegram setup call failed; continuing");
            if (UsesWebhook)
            {
                return;
            }
        }
        _polling = Task.Run(() => PollAsync(_stopping.Token), CancellationToken.None);
        _logger.LogInformation("Telegram is live (long polling)");
    }

    private async Task PollAsync(CancellationToken stopping)
    {
        var offset = int.TryParse(_store.Get(OffsetKey), CultureInfo.InvariantCulture, out var stored) ? stored : (int?)null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var updates = await _bot.GetUpdates(offset, limit: 100, timeout: _options.PollTimeoutSeconds,
                    allowedUpdates: AllowedUpdates, cancellationToken: stopping);
                if (updates.Length == 0)
                {
                    continue;
                }
                var next = updates.Max(u => u.Id) + 1;
                // Stored with the new offset in one transaction: the next getUpdates confirms them to Telegram,
                // and they are already safe in the inbox.
                Inbox.Accept(updates.Select(ToInboxItem).ToList(), (OffsetKey, next.ToString(CultureInfo.InvariantCulture)));
                offset = next;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Telegram getUpdates failed; retrying shortly");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), _time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The webhook's work: check the secret in constant time, store the update, and let the inbox run it.</summary>
    public async Task<IResult> ReceiveWebhookAsync(HttpRequest request)
    {
        var supplied = request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(supplied), Encoding.UTF8.GetBytes(WebhookSecret)))
        {
            _logger.LogWarning("Rejected a Telegram webhook call with a wrong secret from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Unauthorized();
        }
        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        if (update is null || update.Id <= 0)
        {
            return Results.BadRequest();
        }
        Inbox.Accept([ToInboxItem(update)]);
        return Results.Ok();
    }

    private static InboxItem ToInboxItem(Update update)
    {
        var chat = update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;
        return new InboxItem(TelegramSender.Channel, update.Id.ToString(CultureInfo.InvariantCulture),
            chat.ToString(CultureInfo.InvariantCulture), JsonSerializer.Serialize(update, JsonBotAPI.Options));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _polling;
        await Inbox.StopAsync(TimeSpan.FromSeconds(20));
        _logger.LogInformation("Telegram stopped");
    }
}
