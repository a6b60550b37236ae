using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>Zalo answers many failures with HTTP 200 and a non-zero "error".</summary>
internal sealed class ZaloApiException(int error, string message) : Exception($"Zalo error {error}: {message}")
{
    public int Error { get; } = error;
}

/// <summary>
/// The OA message API and the OAuth token refresh. Refresh tokens are single-use, so only one refresh runs at a
/// time, the state file is re-read after taking the lock, and the new pair is written in one transaction before use.
/// </summary>
internal sealed class ZaloClient(HttpClient http, IOptions<ZaloOptions> options, ChannelStateStore store, TimeProvider time,
    ILogger<ZaloClient> logger)
{
    private const string AccessKey = "zalo:access_token";
    private const string RefreshKey = "zalo:refresh_token";
    private const string ExpiresKey = "zalo:expires_at";
    private const int InvalidToken = -216;

    private readonly ZaloOptions _options = options.Value;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    public async Task SendTextAsync(string userId, string text, CancellationToken cancellationToken)
    {
        var token = await AccessTokenAsync(rejected: null, cancellationToken);
        var (status, error, message) = await PostMessageAsync(token, userId, text, cancellationToken);
        if (status == HttpStatusCode.Unauthorized || error == InvalidToken)
        {
            // Refresh once and retry once; a second rejection is a real error.
            token = await AccessTokenAsync(rejected: token, cancellationToken);
            (status, error, message) = await PostMessageAsync(token, userId, text, cancellationToken);
        }
        if (status == HttpStatusCode.TooManyRequests)
        {
            throw new RetryAfterException(TimeSpan.FromSeconds(5));
        }
        if ((int)status >= 500)
        {
            throw new HttpRequestException($"Zalo answered {(int)status}");
        }
        if (error != 0)
        {
            throw new ZaloApiException(error, message);
        }
    }

    private async Task<(HttpStatusCode Status, int Error, string Message)> PostMessageAsync(string token, string userId, string text,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_options.OpenApiBaseUrl), "/v3.0/oa/message/cs"));
        request.Headers.Add("access_token", token);
        request.Content = JsonContent.Create(new { recipient = new { user_id = userId }, message = new { text } });
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (error, message) = ParseError(body);
        return (response.StatusCode, error, message);
    }

    private static (int Error, string Message) ParseError(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var error = node?["error"] is JsonValue value ? ReadInt(value) : 0;
            return (error, node?["message"]?.ToString() ?? node?["error_description"]?.ToString() ?? "");
        }
        catch (JsonException)
        {
            return (-1, "not JSON");
        }
    }

    /// <summary>The current access token; refreshes it when it is about to expire or was just rejected.</summary>
    private async Task<string> AccessTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        var current = Current();
        if (rejected is null && current.Access is { } fresh && current.ExpiresAt - time.GetUtcNow() > TimeSpan.FromMinutes(5))
        {
            return fresh;
        }
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Someone may have refreshed while we waited; a used refresh token cannot be used again.
            current = Current();
            if (current.Access is { } access && access != rejected && current.ExpiresAt - time.GetUtcNow() > TimeSpan.FromMinutes(5))
            {
                return access;
            }
            return await RefreshAsync(current.Refresh, cancellationToken);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private (string? Access, string? Refresh, DateTimeOffset ExpiresAt) Current()
    {
        var access = store.Get(AccessKey);
        if (access is null && store.Get(RefreshKey) is null)
        {
            // First start: the configured pair; its expiry is unknown, so it is trusted until Zalo rejects it.
            return (_options.AccessToken, _options.RefreshToken,
                string.IsNullOrWhiteSpace(_options.AccessToken) ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue);
        }
        var expires = long.TryParse(store.Get(ExpiresKey), CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MinValue;
        return (access, store.Get(RefreshKey), expires);
    }

    private async Task<string> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            throw new ZaloApiException(-14020, "no refresh token; the OA must be authorised again");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_options.OAuthBaseUrl), "/v4/oa/access_token"));
        request.Headers.Add("secret_key", _options.AppSecretKey ?? "");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["refresh_token"] = refreshToken,
            ["app_id"] = _options.AppId ?? "",
            ["grant_type"] = "refresh_token",
        });
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new ZaloApiException(-1, $"token refresh answered {(int)response.StatusCode} without JSON");
        }
        var access = node?["access_token"]?.ToString();
        var refresh = node?["refresh_token"]?.ToString();
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(refresh))
        {
            var (error, message) = ParseError(body);
            logger.LogError("Zalo token refresh failed: {Error} {Message}", error, message);
            throw new ZaloApiException(error == 0 ? -1 : error, message);
        }
        var expiresIn = node?["expires_in"] is JsonValue value ? ReadInt(value) : 3600;
        var expiresAt = time.GetUtcNow().AddSeconds(expiresIn);
        store.Set((AccessKey, access), (RefreshKey, refresh),
            (ExpiresKey, expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        logger.LogInformation("Zalo access token refreshed; valid until {ExpiresAt:u}", expiresAt);
        return access;
    }

    /// <summary>Zalo sends numbers sometimes as numbers, sometimes as strings.</summary>
    private static int ReadInt(JsonValue value) =>
        value.TryGetValue<int>(out var number) ? number
        : int.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
}
