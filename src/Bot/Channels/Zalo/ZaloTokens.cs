using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtsAssistant.Bot.Channels.State;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>
/// The OA's token pair. Refresh tokens are single-use, so only one refresh runs at a time, the state file is re-read
/// after taking the lock, and the new pair is written in one transaction before use. A configured pair that differs
/// from the one loaded last (the OA was authorised again) replaces the stored pair.
/// </summary>
internal sealed class ZaloTokens(HttpClient http, IOptions<ZaloOptions> options, ChannelStateStore store, TimeProvider time,
    ILogger<ZaloTokens> logger)
{
    public const string AccessKey = "zalo:access_token";
    public const string RefreshKey = "zalo:refresh_token";
    public const string ExpiresKey = "zalo:expires_at";
    public const string ConfiguredKey = "zalo:configured_pair";

    /// <summary>A token this close to its expiry is refreshed before use.</summary>
    private static readonly TimeSpan UseMargin = TimeSpan.FromMinutes(5);

    private readonly ZaloOptions _options = options.Value;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly Lock _loadGate = new();
    private bool _loaded;

    /// <summary>Everything the state file keeps about the pair; the CLI's "zalo tokens reset" removes these.</summary>
    public static readonly string[] Keys = [AccessKey, RefreshKey, ExpiresKey, ConfiguredKey];

    /// <summary>The current access token; refreshes it when it is about to expire or was just rejected.</summary>
    public async Task<string> AccessTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        var current = Current();
        if (rejected is null && current.Access is { Length: > 0 } fresh && !ExpiresWithin(current.ExpiresAt, UseMargin))
        {
            return fresh;
        }
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Someone may have refreshed while we waited; a used refresh token cannot be used again.
            current = Current();
            if (current.Access is { Length: > 0 } access && access != rejected && !ExpiresWithin(current.ExpiresAt, UseMargin))
            {
                return access;
            }
            return (await RefreshAsync(current.Refresh, cancellationToken)).Access;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>
    /// The background refresh: refreshes when the expiry is unknown (a pair just loaded from the settings) or within
    /// <see cref="ZaloOptions.RefreshBefore"/>, and says how long to wait before the next check.
    /// </summary>
    public async Task<TimeSpan> RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var current = Current();
            if (string.IsNullOrWhiteSpace(current.Refresh))
            {
                // Nothing to refresh with: the configured access token is used until Zalo rejects it.
                return TimeSpan.FromHours(1);
            }
            var expiresAt = current.ExpiresAt;
            if (expiresAt is null || ExpiresWithin(expiresAt, _options.RefreshBefore))
            {
                expiresAt = (await RefreshAsync(current.Refresh, cancellationToken)).ExpiresAt;
            }
            var wait = expiresAt.Value - _options.RefreshBefore - time.GetUtcNow();
            return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private bool ExpiresWithin(DateTimeOffset? expiresAt, TimeSpan margin) => expiresAt is { } at && at - time.GetUtcNow() <= margin;

    /// <summary>The stored pair, after taking over a configured pair that changed since it was last loaded. Expiry null: unknown.</summary>
    private (string? Access, string? Refresh, DateTimeOffset? ExpiresAt) Current()
    {
        LoadConfiguredPair();
        var expires = long.TryParse(store.Get(ExpiresKey), CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : (DateTimeOffset?)null;
        return (store.Get(AccessKey), store.Get(RefreshKey), expires);
    }

    /// <summary>Once per process, before the first use: a sender and the start-up refresh must not both load it (the second would undo a refresh).</summary>
    private void LoadConfiguredPair()
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }
        lock (_loadGate)
        {
            if (!_loaded)
            {
                TakeOverChangedConfiguredPair();
                Volatile.Write(ref _loaded, true);
            }
        }
    }

    private void TakeOverChangedConfiguredPair()
    {
        var configured = ConfiguredFingerprint();
        var loaded = store.Get(ConfiguredKey);
        if (configured is not null && loaded != configured)
        {
            if (loaded is null && store.Get(RefreshKey) is not null)
            {
                // A state file from before fingerprints were kept: its pair descends from the configured one, whose
                // refresh token is spent by now. Remember the fingerprint and keep the stored pair.
                store.Set((ConfiguredKey, configured));
            }
            else
            {
                store.Set((AccessKey, _options.AccessToken ?? ""), (RefreshKey, _options.RefreshToken ?? ""), (ExpiresKey, ""),
                    (ConfiguredKey, configured));
                logger.LogInformation("Loaded the Zalo token pair from the settings (first start, or it changed since last loaded)");
            }
        }
    }

    /// <summary>A hash of the configured pair, so the state file can tell a new pair from the one it loaded (tokens are never stored twice in clear).</summary>
    private string? ConfiguredFingerprint() =>
        string.IsNullOrWhiteSpace(_options.AccessToken) && string.IsNullOrWhiteSpace(_options.RefreshToken)
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_options.AccessToken}\n{_options.RefreshToken}")));

    private async Task<(string Access, DateTimeOffset ExpiresAt)> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
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
            var (error, message) = ZaloClient.ParseError(body);
            logger.LogError("Zalo token refresh failed: {Error} {Message}", error, message);
            throw new ZaloApiException(error == 0 ? -1 : error, message);
        }
        var expiresIn = node?["expires_in"] is JsonValue value ? ZaloClient.ReadInt(value) : 3600;
        var expiresAt = time.GetUtcNow().AddSeconds(expiresIn);
        store.Set((AccessKey, access), (RefreshKey, refresh),
            (ExpiresKey, expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        logger.LogInformation("Zalo access token refreshed; valid until {ExpiresAt:u}", expiresAt);
        return (access, expiresAt);
    }
}
