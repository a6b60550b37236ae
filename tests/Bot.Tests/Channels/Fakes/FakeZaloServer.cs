using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Bot.Tests.Channels.Fakes;

public sealed record ZaloSent(string UserId, string Text, string AccessToken);

/// <summary>
/// A local stand-in for openapi.zalo.me and oauth.zaloapp.com on 127.0.0.1: the OA message API checks the
/// access_token header and answers errors the Zalo way (HTTP 200, error != 0); the token endpoint hands out a new
/// pair per refresh and refuses a refresh token used twice (-14020).
/// </summary>
public sealed class FakeZaloServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<ZaloSent> _sent = new();
    private readonly HashSet<string> _usedRefreshTokens = [];
    private int _generation;

    private FakeZaloServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string ValidAccessToken { get; private set; } = "access-0";

    public string CurrentRefreshToken { get; private set; } = "refresh-0";

    public int Refreshes { get; private set; }

    public IReadOnlyList<ZaloSent> Sent => _sent.ToList();

    public IReadOnlyList<ZaloSent> SentTo(string userId) => _sent.Where(s => s.UserId == userId).ToList();

    /// <summary>Makes the current access token expire: the next send gets -216.</summary>
    public void ExpireAccessToken()
    {
        lock (_gate)
        {
            ValidAccessToken = "expired-" + Guid.NewGuid();
        }
    }

    public static async Task<FakeZaloServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeZaloServer(app);
        app.MapPost("/v3.0/oa/message/cs", (Delegate)server.SendAsync);
        app.MapPost("/v4/oa/access_token", (Delegate)server.RefreshAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async Task<IReadOnlyList<ZaloSent>> WaitForAsync(Func<IReadOnlyList<ZaloSent>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var sent = Sent;
            if (condition(sent))
            {
                return sent;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Zalo did not get the expected messages. So far:\n" + string.Join("\n", sent));
            }
            await Task.Delay(20);
        }
    }

    private async Task<IResult> SendAsync(HttpContext context)
    {
        var token = context.Request.Headers["access_token"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        lock (_gate)
        {
            if (token != ValidAccessToken)
            {
                return Results.Ok(new { error = -216, message = "Access token is invalid" });
            }
        }
        var userId = body["recipient"]?["user_id"]?.ToString() ?? "";
        var text = body["message"]?["text"]?.ToString() ?? "";
        if (text.Length > 2000)
        {
            return Results.Ok(new { error = -201, message = "text is too long" });
        }
        _sent.Enqueue(new ZaloSent(userId, text, token));
        return Results.Ok(new { error = 0, message = "Success", data = new { message_id = Guid.NewGuid().ToString("N"), user_id = userId } });
    }

    private async Task<IResult> RefreshAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        lock (_gate)
        {
            var refresh = form["refresh_token"].ToString();
            if (context.Request.Headers["secret_key"] != "app-secret" || form["grant_type"] != "refresh_token")
            {
                return Results.Ok(new { error = -14002, error_name = "invalid_request", error_description = "bad secret or grant" });
            }
            if (refresh != CurrentRefreshToken || !_usedRefreshTokens.Add(refresh))
            {
                return Results.Ok(new { error = -14020, error_name = "invalid_grant", error_description = "refresh token used or expired" });
            }
            _generation++;
            Refreshes++;
            ValidAccessToken = $"access-{_generation}";
            CurrentRefreshToken = $"refresh-{_generation}";
            return Results.Ok(new { access_token = ValidAccessToken, refresh_token = CurrentRefreshToken, expires_in = "90000" });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
