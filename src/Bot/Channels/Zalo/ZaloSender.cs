using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Web;
using DtsAssistant.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>
/// Renders replies for Zalo (plain text split at 2,000, buttons as numbered options, documents and pictures uploaded
/// and sent as attachments, other files as a download link) and sends them through the paced queue. A person Zalo
/// will not let us reach (-230 outside the 7-day reply window, -213 not a follower) is not retried: the message is
/// recorded as undeliverable and the chat is skipped until the person writes again.
/// </summary>
internal sealed class ZaloSender(ZaloClient client, OutgoingQueue queue, ChannelStateStore store, DownloadStore downloads,
    IOptions<ZaloOptions> options, IOptions<ChannelOptions> channelOptions, ILogger<ZaloSender> logger) : IAsyncDisposable
{
    public const string Channel = "zalo";
    public const int MaxMessageLength = 2_000;
    private const int MaxFileBytes = 5 * 1024 * 1024;
    private const int MaxImageBytes = 1024 * 1024;
    private static readonly string[] ImageTypes = [".png", ".jpg", ".jpeg"];

    private enum Attach { Link, File, Image }

    /// <summary>
    /// Pacing per chat and for bulk sends, and Zalo's overall cap (4,000 requests a minute by default) for everything:
    /// a burst of 20 is taken off the steady rate, so no minute exceeds the cap.
    /// </summary>
    public static RateLimits Limits(ZaloOptions options)
    {
        const int burst = 20;
        return new RateLimits(options.PerChatPerSecond, options.PerChatBurst, options.BulkPerSecond,
            OverallPerSecond: Math.Max(1, options.MaxRequestsPerMinute - burst) / 60.0, OverallBurst: burst);
    }

    /// <summary>The queue, for tests that drive it on a simulated clock.</summary>
    internal OutgoingQueue Queue => queue;

    public async Task SendAsync(string userId, Reply reply, SendKind kind, CancellationToken cancellationToken)
    {
        var buttons = reply.ButtonRows.SelectMany(row => row).ToList();
        var text = ReplyText.Render(reply, html: false);
        if (buttons.Count > 0)
        {
            text += "\n" + ReplyText.RenderNumberedOptions(buttons);
        }
        var attach = reply.File is { } f ? HowToAttach(f) : Attach.Link;
        if (reply.File is { } linked && attach == Attach.Link)
        {
            text += "\n\n" + LinkText(linked);
        }
        if (!store.IsReachable(Channel, userId))
        {
            logger.LogInformation("Not sending to Zalo user {User}: unreachable until they write again", Hosting.LogPseudonym.Of("zalo:" + userId));
            return;
        }
        store.SetChoices(Channel, userId, buttons);
        try
        {
            foreach (var chunk in MessageSplitter.Split(text, MaxMessageLength))
            {
                await queue.SendAsync(userId, kind, ct => Translate(userId, () => client.SendTextAsync(userId, chunk, ct)), cancellationToken);
            }
            if (reply.File is { } file && attach != Attach.Link)
            {
                await SendFileAsync(userId, file, attach, kind, cancellationToken);
            }
        }
        catch (RecipientBlockedException ex) when (ex.InnerException is ZaloUnreachableException unreachable)
        {
            store.MarkUndeliverable(Channel, userId, unreachable.Reason, text);
            logger.LogWarning("Zalo message to {User} not delivered ({Error}: {Reason}); marked unreachable, not retried",
                Hosting.LogPseudonym.Of("zalo:" + userId), unreachable.Error, unreachable.Reason);
        }
    }

    /// <summary>Sends one reply to many people (reminders) within the bulk rate; the unreachable are recorded, the others still get theirs.</summary>
    public Task BroadcastAsync(IEnumerable<string> userIds, Reply reply, CancellationToken cancellationToken) =>
        Task.WhenAll(userIds.Select(id => SendAsync(id, reply, SendKind.Bulk, cancellationToken)));

    private async Task SendFileAsync(string userId, ReplyFile file, Attach attach, SendKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await queue.SendAsync(userId, kind, ct => Translate(userId, () => attach == Attach.Image
                ? client.SendImageAsync(userId, file, file.FileName, ct)
                : client.SendFileAsync(userId, file, ct)), cancellationToken);
        }
        catch (ZaloApiException ex) when (ex is not ZaloUnreachableException)
        {
            // The upload was refused (type, size, OA package): the link still gets the file to the person.
            logger.LogWarning("Zalo refused {File} as an attachment ({Error}); sending a link instead", file.FileName, ex.Error);
            await queue.SendAsync(userId, kind, ct => Translate(userId, () => client.SendTextAsync(userId, LinkText(file), ct)), cancellationToken);
        }
    }

    private Attach HowToAttach(ReplyFile file)
    {
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (ImageTypes.Contains(extension) && file.Content.Length <= MaxImageBytes)
        {
            return Attach.Image;
        }
        return options.Value.UploadFileTypes.Contains(extension, StringComparer.OrdinalIgnoreCase) && file.Content.Length <= MaxFileBytes
            ? Attach.File
            : Attach.Link;
    }

    private string LinkText(ReplyFile file)
    {
        var link = downloads.Add(file);
        return channelOptions.Value.PublicBaseUrl is { Length: > 0 } baseUrl
            ? $"Tải tệp {file.FileName}: {baseUrl.TrimEnd('/')}{link}"
            : $"Tệp {file.FileName} đã sẵn sàng; Zalo chưa gửi được tệp, bạn hãy tải trên trang web chat hoặc Telegram.";
    }

    /// <summary>-230 / -213 end the chat's queue at once, without the retries meant for network failures.</summary>
    private static async Task Translate(string userId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ZaloUnreachableException ex)
        {
            throw new RecipientBlockedException(userId, ex);
        }
    }

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}
