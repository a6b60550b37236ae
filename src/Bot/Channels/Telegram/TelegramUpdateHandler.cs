using System.Globalization;
using System.Text.Json;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Conversation;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace DtsAssistant.Bot.Channels.Telegram;

/// <summary>Turns one stored Telegram update into a channel-neutral message, and the core's replies back into Telegram messages.</summary>
internal sealed class TelegramUpdateHandler(
    ITelegramBotClient bot,
    TelegramSender sender,
    ChannelStateStore store,
    IConversationEngine engine,
    ILogger<TelegramUpdateHandler> logger)
{
    public static readonly string ExpiredButton = "Nút này đã hết hạn. Bạn hãy gõ lại yêu cầu nhé.";

    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        var update = JsonSerializer.Deserialize<Update>(item.Payload, JsonBotAPI.Options)
                     ?? throw new InvalidOperationException("Empty update");
        switch (update)
        {
            case { Message: { From: { } from, Chat: var chat } message }:
                store.SetBlocked(TelegramSender.Channel, Key(chat.Id), blocked: false);
                if (message.Text is { } text)
                {
                    var incoming = new IncomingMessage(TelegramSender.Channel, Key(from.Id), Key(chat.Id), StripBotName(text),
                        DisplayName: DisplayName(from));
                    await ReplyAsync(chat.Id, incoming, cancellationToken);
                }
                else
                {
                    await sender.SendAsync(chat.Id, ReplyText.Unsupported, SendKind.Reply, cancellationToken);
                }
                break;
            case { CallbackQuery: { } query }:
                await HandleButtonAsync(query, cancellationToken);
                break;
            default:
                logger.LogDebug("Ignoring Telegram update {Id} of type {Type}", update.Id, update.Type);
                break;
        }
    }

    private async Task HandleButtonAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var data = query.Data is { } token && token.StartsWith("b:", StringComparison.Ordinal)
            ? store.FindButton(Key(chatId), token[2..])
            : null;
        // Always answer, or the person's app keeps spinning on the button.
        try
        {
            await bot.AnswerCallbackQuery(query.Id, data is null ? ExpiredButton : null, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A callback can only be answered for a short time; the button press itself still counts.
            logger.LogWarning(ex, "Could not answer callback query {Id}", query.Id);
        }
        if (data is null)
        {
            return;
        }
        var incoming = new IncomingMessage(TelegramSender.Channel, Key(query.From.Id), Key(chatId), Text: null, ButtonData: data,
            DisplayName: DisplayName(query.From));
        await ReplyAsync(chatId, incoming, cancellationToken);
    }

    private async Task ReplyAsync(long chatId, IncomingMessage incoming, CancellationToken cancellationToken)
    {
        foreach (var reply in await engine.HandleAsync(incoming, cancellationToken))
        {
            await sender.SendAsync(chatId, reply, SendKind.Reply, cancellationToken);
        }
    }

    /// <summary>In groups Telegram sends "/baocao@TenBot"; the core only knows "/baocao".</summary>
    private static string StripBotName(string text)
    {
        if (!text.StartsWith('/'))
        {
            return text;
        }
        var end = text.IndexOfAny([' ', '\n']);
        var command = end < 0 ? text : text[..end];
        var at = command.IndexOf('@');
        return at < 0 ? text : command[..at] + (end < 0 ? "" : text[end..]);
    }

    private static string? DisplayName(User user) =>
        string.Join(' ', new[] { user.FirstName, user.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : user.Username;

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
