using System.Globalization;
using System.Text.Json;
using DtsAssistant.Bot.Channels.Inbox;
using DtsAssistant.Bot.Channels.State;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>
/// The Zalo OA channel's life cycle and webhook. At start it resumes the inbox and refreshes the token pair (so its
/// expiry is known), then keeps it fresh in the background. The webhook checks the signature over the raw bytes and
/// the app id, stores the event in the durable inbox (which drops a repeated msg_id) and answers 200 at once; the
/// inbox then runs <see cref="ZaloEventHandler"/>. Only a bad signature gets 401: stale and repeated events get 200
/// and a log line, or Zalo would keep resending them and may switch the webhook off.
/// </summary>
internal sealed class ZaloChannel : IHostedService
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int SignaturePrefix = 8;

    private readonly ZaloOptions _options;
    private readonly ZaloTokens _tokens;
    private readonly ChannelStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ZaloChannel> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshing = Task.CompletedTask;

    public ZaloChannel(IOptions<ZaloOptions> options, IOptions<ChannelOptions> channelOptions, ZaloTokens tokens, ZaloEventHandler handler,
        ChannelStateStore store, TimeProvider time, ILogger<ZaloChannel> logger)
    {
        _options = options.Value;
        _tokens = tokens;
        _store = store;
        _time = time;
        _logger = logger;
        Inbox = new ChannelInbox(ZaloSender.Channel, store, handler.HandleAsync, logger, channelOptions.Value.MaxConcurrentUpdates, time);
    }

    public ChannelInbox Inbox { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Inbox.ResumePending();
        _refreshing = Task.Run(() => KeepTokenFreshAsync(_stopping.Token), CancellationToken.None);
        if (_options.SignatureLogOnly)
        {
            _logger.LogWarning("Zalo signature check is in log-only mode: events with a wrong signature are accepted. Turn it off after the first live test");
        }
        _logger.LogInformation("Zalo OA is live (webhook at {Path})", _options.WebhookPath);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _refreshing;
        await Inbox.StopAsync(TimeSpan.FromSeconds(20));
        _logger.LogInformation("Zalo OA stopped");
    }

    /// <summary>Refreshes at start and shortly before each expiry; a quiet OA otherwise loses its 3-month refresh token.</summary>
    private async Task KeepTokenFreshAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await _tokens.RefreshIfDueAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Zalo token refresh failed; trying again in 5 minutes");
                wait = TimeSpan.FromMinutes(5);
            }
            try
            {
                await Task.Delay(wait, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
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
        // The signature covers the exact bytes received, so they are hashed as they came.
        var raw = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
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
        var timestamp = ZaloEventHandler.ReadString(body, "timestamp") ?? request.Headers["X-ZEvent-Timestamp"].ToString();
        var supplied = request.Headers["X-ZEvent-Signature"].ToString();
        if (!ZaloSignature.Verify(_options.AppId!, raw.Span, timestamp, _options.OaSecretKey!, supplied, out var expected))
        {
            if (!_options.SignatureLogOnly)
            {
                _logger.LogWarning("Rejected a Zalo webhook call with a bad signature from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
                return Results.Unauthorized();
            }
            _logger.LogWarning("Zalo signature mismatch, accepted in log-only mode: expected {Expected}…, received {Received}…",
                expected[..SignaturePrefix], Prefix(ZaloSignature.Normalize(supplied)));
        }
        if (ZaloEventHandler.ReadString(body, "app_id") != _options.AppId)
        {
            _logger.LogWarning("Rejected a Zalo event for a foreign app id");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!long.TryParse(timestamp, CultureInfo.InvariantCulture, out var ms)
            || (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).Duration() > _options.MaxEventAge)
        {
            _logger.LogWarning("Ignored a Zalo event outside the accepted age of {MaxAge} (timestamp {Timestamp})", _options.MaxEventAge, timestamp);
            return Results.Ok();
        }
        var eventName = ZaloEventHandler.ReadString(body, "event_name") ?? "";
        var sender = body.TryGetProperty("sender", out var s) ? ZaloEventHandler.ReadString(s, "id") : null;
        var messageId = body.TryGetProperty("message", out var m) ? ZaloEventHandler.ReadString(m, "msg_id") : null;
        if (eventName == "follow" && body.TryGetProperty("follower", out var follower) && ZaloEventHandler.ReadString(follower, "id") is { } id)
        {
            // Following again makes the person reachable; nothing to answer.
            _store.MarkReachable(ZaloSender.Channel, id);
        }
        // Only what a person sends is handled; echoes of our own messages, follows and the rest are acknowledged.
        if (eventName.StartsWith("user_send_", StringComparison.Ordinal) && !eventName.Contains("group", StringComparison.Ordinal)
            && sender is not null
            && Inbox.Accept([new InboxItem(ZaloSender.Channel, messageId ?? $"{sender}:{timestamp}", sender, body.GetRawText())]) == 0)
        {
            _logger.LogInformation("Ignored a repeated Zalo event {MessageId} (already received)", messageId);
        }
        return Results.Ok();
    }

    private static string Prefix(string value) => value.Length > SignaturePrefix ? value[..SignaturePrefix] : value;
}
