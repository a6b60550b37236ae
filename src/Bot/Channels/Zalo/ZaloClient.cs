using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>Zalo answers many failures with HTTP 200 and a non-zero "error".</summary>
internal class ZaloApiException(int error, string message) : Exception($"Zalo error {error}: {message}")
{
    public int Error { get; } = error;
}

/// <summary>-230 (no message from the person in 7 days: outside the reply window) or -213 (not a follower): never retried.</summary>
internal sealed class ZaloUnreachableException(int error, string message) : ZaloApiException(error, message)
{
    public string Reason => Error == ZaloClient.OutsideReplyWindow ? Unreachable.OutsideReplyWindow : Unreachable.NotFollower;
}

/// <summary>
/// The OA API: text and attachment messages, file and image uploads. Every call carries the access token; -216
/// (invalid), -220 (expired or removed) and HTTP 401 refresh it once and retry once. -32 (over the rate limit, in an
/// HTTP 200 body) and 429 become <see cref="RetryAfterException"/> for the outgoing queue.
/// </summary>
internal sealed class ZaloClient(HttpClient http, ZaloTokens tokens, IOptions<ZaloOptions> options)
{
    public const int InvalidToken = -216;
    public const int ExpiredToken = -220;
    public const int RateLimited = -32;
    public const int OutsideReplyWindow = -230;
    public const int NotFollower = -213;

    private readonly ZaloOptions _options = options.Value;

    public Task SendTextAsync(string userId, string text, CancellationToken cancellationToken) =>
        CallAsync("/v3.0/oa/message/cs", () => JsonContent.Create(new { recipient = new { user_id = userId }, message = new { text } }),
            cancellationToken);

    /// <summary>Uploads a document with upload/file and sends it as a file attachment.</summary>
    public async Task SendFileAsync(string userId, ReplyFile file, CancellationToken cancellationToken)
    {
        var data = await CallAsync("/v2.0/oa/upload/file", () => Upload(file), cancellationToken);
        var token = data?["token"]?.ToString() ?? throw new ZaloApiException(-1, "upload/file answered without a token");
        await CallAsync("/v3.0/oa/message/cs", () => JsonContent.Create(new
        {
            recipient = new { user_id = userId },
            message = new { attachment = new { type = "file", payload = new { token } } },
        }), cancellationToken);
    }

    /// <summary>Uploads a picture (a chart) with upload/image and sends it as a media message with a caption.</summary>
    public async Task SendImageAsync(string userId, ReplyFile image, string caption, CancellationToken cancellationToken)
    {
        var data = await CallAsync("/v2.0/oa/upload/image", () => Upload(image), cancellationToken);
        var attachmentId = data?["attachment_id"]?.ToString() ?? throw new ZaloApiException(-1, "upload/image answered without an attachment_id");
        await CallAsync("/v3.0/oa/message/cs", () => JsonContent.Create(new
        {
            recipient = new { user_id = userId },
            message = new
            {
                text = caption,
                attachment = new
                {
                    type = "template",
                    payload = new { template_type = "media", elements = new[] { new { media_type = "image", attachment_id = attachmentId } } },
                },
            },
        }), cancellationToken);
    }

    private static MultipartFormDataContent Upload(ReplyFile file)
    {
        var part = new ByteArrayContent(file.Content);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        return new MultipartFormDataContent { { part, "file", file.FileName } };
    }

    /// <summary>One API call with the token; returns "data" of a successful answer.</summary>
    private async Task<JsonNode?> CallAsync(string path, Func<HttpContent> content, CancellationToken cancellationToken)
    {
        var token = await tokens.AccessTokenAsync(rejected: null, cancellationToken);
        var (status, error, message, data) = await PostAsync(path, token, content(), cancellationToken);
        if (status == HttpStatusCode.Unauthorized || error is InvalidToken or ExpiredToken)
        {
            // Refresh once and retry once; a second rejection is a real error.
            token = await tokens.AccessTokenAsync(rejected: token, cancellationToken);
            (status, error, message, data) = await PostAsync(path, token, content(), cancellationToken);
        }
        if (status == HttpStatusCode.TooManyRequests || error == RateLimited)
        {
            throw new RetryAfterException(_options.RateLimitRetryDelay, new ZaloApiException(error, message));
        }
        if ((int)status >= 500)
        {
            throw new HttpRequestException($"Zalo answered {(int)status}");
        }
        return error switch
        {
            0 => data,
            OutsideReplyWindow or NotFollower => throw new ZaloUnreachableException(error, message),
            _ => throw new ZaloApiException(error, message),
        };
    }

    private async Task<(HttpStatusCode Status, int Error, string Message, JsonNode? Data)> PostAsync(string path, string token,
        HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_options.OpenApiBaseUrl), path));
        request.Headers.Add("access_token", token);
        request.Content = content;
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (error, message) = ParseError(body);
        return (response.StatusCode, error, message, error == 0 ? TryParse(body)?["data"] : null);
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static (int Error, string Message) ParseError(string body)
    {
        var node = TryParse(body);
        if (node is null)
        {
            return (-1, "not JSON");
        }
        var error = node["error"] is JsonValue value ? ReadInt(value) : 0;
        return (error, node["message"]?.ToString() ?? node["error_description"]?.ToString() ?? "");
    }

    /// <summary>Zalo sends numbers sometimes as numbers, sometimes as strings.</summary>
    public static int ReadInt(JsonValue value) =>
        value.TryGetValue<int>(out var number) ? number
        : int.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
}
