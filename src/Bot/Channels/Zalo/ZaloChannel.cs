using System.Globalization;
using System.Text;
using System.Text.Json;
using DtsAssistant.Bot.Channels.Inbox;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Channels.Web;
using DtsAssistant.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>
/// The Zalo OA channel: a webhook that checks the signature over the raw body, the app id and the event's age,
/// stores the event in the durable inbox (which drops a repeated msg_id) and answers 200 at once; the inbox then
/// runs the conversation and replies through the OA message API.
/// </summary>
internal sealed class ZaloChannel : IHostedService, IAsyncDisposable
{
    public const string Channel = "zalo";
    public const int MaxMessageLength = 2_000;
    private const int MaxBodyBytes = 64 * 1024;

    private readonly ZaloOptions _options;
    private readonly ZaloClient _client;
    private readonly ChannelStateStore _store;
    private readonly IConversationEngine _engine;
    private readonly DownloadStore _downloads;
    private readonly ChannelOptions _channelOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<ZaloChannel> _logger;
    private readonly OutgoingQueue _queue;

    public ZaloChannel(IOptions<ZaloOptions> options, IOptions<ChannelOptions> channelOptions, ZaloClient client,
        ChannelStateStore store, IConversationEngine engine, DownloadStore downloads, TimeProvider time, ILogger<ZaloChannel> logger)
    {
        _options = options.Value;
        _channelOptions = channelOptions.Value;
        _client = client;
        _store = store;
        _engine = engine;
        _downloads = downloads;
        _time = time;
        _logger = logger;
        _queue = new OutgoingQueue(new RateLimits(_options.PerChatPerSecond, _options.PerChatBurst, _options.BulkPerSecond), time, logger,
            chat => store.SetBlocked(Channel, chat, blocked: true));
        Inbox = new ChannelInbox(Channel, store, HandleAsync, logger, _channelOptions.MaxConcurrentUpdates);
    }

    public ChannelInbox Inbox { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Inbox.ResumePending();
        _logger.LogInformation("Zalo OA is live (webhook at {Path})", _options.WebhookPath);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Inbox.StopAsync(TimeSpan.FromSeconds(20));
        _logger.LogInformation("Zalo OA stopped");
    }

    public async Task<IResult> ReceiveWebhookAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        // The signature covers the exact bytes received, so they are kept as they came.
        var raw = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(raw);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("event_name", out _))
        {
            // Zalo's console checks the URL with an empty or unsigned request: say yes, and do nothing.
            return Results.Ok();
        }
        var timestamp = ReadString(body, "timestamp") ?? request.Headers["X-ZEvent-Timestamp"].ToString();
        if (!ZaloSignature.Verify(_options.AppId!, raw, timestamp, _options.OaSecretKey!, request.Headers["X-ZEvent-Signature"]))
        {
            _logger.LogWarning("Rejected a Zalo webhook call with a bad signature from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Unauthorized();
        }
        if (ReadString(body, "app_id") != _options.AppId)
        {
            _logger.LogWarning("Rejected a Zalo event for a foreign app id");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!long.TryParse(timestamp, CultureInfo.InvariantCulture, out var ms)
            || (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).Duration() > _options.MaxEventAge)
        {
            _logger.LogWarning("Rejected a stale or undated Zalo event ({Timestamp})", timestamp);
            return Results.Unauthorized();
        }
        var eventName = ReadString(body, "event_name") ?? "";
        var sender = body.TryGetProperty("sender", out var s) ? ReadString(s, "id") : null;
        var messageId = body.TryGetProperty("message", out var m) ? ReadString(m, "msg_id") : null;
        // Only what a person sends is handled; echoes of our own messages, follows and the rest are acknowledged.
        if (eventName.StartsWith("user_send_", StringComparison.Ordinal) && !eventName.Contains("group", StringComparison.Ordinal)
            && sender is not null)
        {
            Inbox.Accept([new InboxItem(Channel, messageId ?? $"{sender}:{timestamp}", sender, raw)]);
        }
        return Results.Ok();
    }

    private async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(item.Payload);
        var body = document.RootElement;
        var userId = item.ChatKey;
        var eventName = ReadString(body, "event_name");
        var text = eventName == "user_send_text" && body.TryGetProperty("message", out var m) ? ReadString(m, "text") : null;
        _store.SetBlocked(Channel, userId, blocked: false);
        if (text is null)
        {
            await SendAsync(userId, ReplyText.Unsupported, cancellationToken);
            return;
        }
        var incoming = new IncomingMessage(Channel, userId, userId, text);
        // Typing the number (or the label) of an offered option is the same as pressing that button.
        var choices = _store.GetChoices(Channel, userId);
        var trimmed = text.Trim().TrimEnd('.');
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
        {
            incoming = incoming with { Text = null, ButtonData = choices[number - 1].Data };
        }
        else if (choices.FirstOrDefault(c => string.Equals(c.Label, trimmed, StringComparison.OrdinalIgnoreCase)) is { } chosen)
        {
            incoming = incoming with { Text = null, ButtonData = chosen.Data };
        }
        foreach (var reply in await _engine.HandleAsync(incoming, cancellationToken))
        {
            await SendAsync(userId, reply, cancellationToken);
        }
    }

    private async Task SendAsync(string userId, Reply reply, CancellationToken cancellationToken)
    {
        if (_store.IsBlocked(Channel, userId))
        {
            return;
        }
        var options = reply.ButtonRows.SelectMany(row => row).ToList();
        _store.SetChoices(Channel, userId, options);
        var text = ReplyText.Render(reply, html: false);
        if (options.Count > 0)
        {
            text += "\n" + ReplyText.RenderNumberedOptions(options);
        }
        if (reply.File is { } file)
        {
            var link = _downloads.Add(file);
            text += _channelOptions.PublicBaseUrl is { Length: > 0 } baseUrl
                ? $"\n\nTải tệp {file.FileName}: {baseUrl.TrimEnd('/')}{link}"
                : $"\n\nTệp {file.FileName} đã sẵn sàng; Zalo chưa gửi được tệp, bạn hãy tải trên trang web chat hoặc Telegram.";
        }
        foreach (var chunk in MessageSplitter.Split(text, MaxMessageLength))
        {
            await _queue.SendAsync(userId, SendKind.Reply, ct => _client.SendTextAsync(userId, chunk, ct), cancellationToken);
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
