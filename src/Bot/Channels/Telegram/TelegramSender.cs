using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Conversation;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace DtsAssistant.Bot.Channels.Telegram;

/// <summary>Renders replies for Telegram (HTML, split at 4,096, inline keyboards, documents) and sends them through the paced queue.</summary>
internal sealed class TelegramSender(ITelegramBotClient bot, OutgoingQueue queue, ChannelStateStore store) : IAsyncDisposable
{
    public const string Channel = "telegram";
    public const int MaxMessageLength = 4_096;

    public async Task SendAsync(long chatId, Reply reply, SendKind kind, CancellationToken cancellationToken)
    {
        var chat = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (store.IsBlocked(Channel, chat))
        {
            return;
        }
        var chunks = MessageSplitter.Split(ReplyText.Render(reply, html: true), MaxMessageLength, html: true);
        var keyboard = Keyboard(chat, reply);
        for (var i = 0; i < chunks.Count; i++)
        {
            var text = chunks[i];
            // Buttons go under the last part, where the question is.
            var markup = i == chunks.Count - 1 ? keyboard : null;
            await queue.SendAsync(chat, kind, ct => Translate(chat, () =>
                bot.SendMessage(chatId, text, parseMode: ParseMode.Html, replyMarkup: markup, cancellationToken: ct)), cancellationToken);
        }
        if (reply.File is { } file)
        {
            await queue.SendAsync(chat, kind, ct => Translate(chat, async () =>
            {
                await using var stream = new MemoryStream(file.Content, writable: false);
                // A chart is shown as a picture; a spreadsheet or document as a file.
                var upload = InputFile.FromStream(stream, file.FileName);
                await (file.ContentType.StartsWith("image/", StringComparison.Ordinal)
                    ? bot.SendPhoto(chatId, upload, cancellationToken: ct)
                    : bot.SendDocument(chatId, upload, cancellationToken: ct));
            }), cancellationToken);
        }
    }

    /// <summary>Sends one reply to many chats (reminders), within the overall bulk rate.</summary>
    public Task BroadcastAsync(IEnumerable<long> chatIds, Reply reply, CancellationToken cancellationToken) =>
        Task.WhenAll(chatIds.Select(async id =>
        {
            try
            {
                await SendAsync(id, reply, SendKind.Bulk, cancellationToken);
            }
            catch (RecipientBlockedException)
            {
                // Marked blocked by the queue; the others still get theirs.
            }
        }));

    public ValueTask DisposeAsync() => queue.DisposeAsync();

    private InlineKeyboardMarkup? Keyboard(string chat, Reply reply)
    {
        if (reply.ButtonRows.Count == 0)
        {
            return null;
        }
        // callback_data is at most 64 bytes, and button data may be long or Vietnamese: keep it server side.
        return new InlineKeyboardMarkup(reply.ButtonRows.Select(row =>
            row.Select(button => InlineKeyboardButton.WithCallbackData(button.Label, "b:" + store.SaveButton(chat, button.Data)))));
    }

    private static async Task Translate(string chat, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            throw new RetryAfterException(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)), ex);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403)
        {
            throw new RecipientBlockedException(chat, ex);
        }
        catch (RequestException ex) when (ex is not ApiRequestException)
        {
            // Network failure or timeout: worth a retry, unlike a 400.
            throw new HttpRequestException(ex.Message, ex);
        }
    }
}
