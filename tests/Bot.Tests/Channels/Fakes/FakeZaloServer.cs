using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DtsAssistant.Bot.Tests.Channels.Fakes;

/// <summary>A file or image the OA sent as an attachment: what was uploaded under the token it quoted.</summary>
public sealed record ZaloAttachment(string Type, string FileName, byte[] Content);

/// <summary>One message the fake OA API accepted.</summary>
public sealed record ZaloSent(string UserId, string Text, string AccessToken, ZaloAttachment? Attachment = null);

/// <summary>One message call the fake refused with a Zalo error code (HTTP 200, error != 0).</summary>
public sealed record ZaloRefused(string UserId, int Error);

/// <summary>
/// A local stand-in for openapi.zalo.me and oauth.zaloapp.com that answers as the platform does: every failure is
/// HTTP 200 with a non-zero "error" — -220 for an expired access token, -216 for one it never issued, -32 over the
/// rate limit, -230 outside the 7-day reply window, -213 for a person who does not follow the OA, -201 for an invalid
/// parameter. upload/file (PDF, DOC, DOCX up to 5 MB) answers a file token, upload/image (JPG, PNG up to 1 MB) an
/// attachment id; a message may quote either. The token endpoint hands out a new pair per refresh and refuses a
/// refresh token used twice (-14020).
/// </summary>
public sealed class FakeZaloServer : LoopbackServer
{
    public const string AppSecret = "app-secret";
    private static readonly string[] FileTypes = [".pdf", ".doc", ".docx"];
    private static readonly string[] ImageTypes = [".jpg", ".jpeg", ".png"];

    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<ZaloSent> _sent = new();
    private readonly ConcurrentQueue<ZaloRefused> _refused = new();
    private readonly HashSet<string> _usedRefreshTokens = [];
    private readonly HashSet<string> _expiredAccessTokens = [];
    private readonly Dictionary<string, ZaloAttachment> _uploads = [];
    private readonly Dictionary<string, int> _unreachable = [];
    private int _generation;
    private int _rateLimited;
    private int _messageCalls;

    public string ValidAccessToken { get; private set; } = "access-0";

    public string CurrentRefreshToken { get; private set; } = "refresh-0";

    /// <summary>The expires_in the token endpoint answers (Zalo: about 25 hours).</summary>
    public int ExpiresInSeconds { get; set; } = 90_000;

    public int Refreshes { get; private set; }

    /// <summary>Every call to the message endpoint, accepted or not.</summary>
    public int MessageCalls => Volatile.Read(ref _messageCalls);

    public IReadOnlyList<ZaloSent> Sent => _sent.ToList();

    public IReadOnlyList<ZaloRefused> Refused => _refused.ToList();

    public IReadOnlyList<ZaloSent> SentTo(string userId) => _sent.Where(s => s.UserId == userId).ToList();

    public static async Task<FakeZaloServer> StartAsync()
    {
        var server = new FakeZaloServer();
        await server.ListenAsync(app =>
        {
            app.MapPost("/v3.0/oa/message/cs", (Delegate)server.SendAsync);
            app.MapPost("/v2.0/oa/upload/file", (Func<HttpContext, Task<IResult>>)(c => server.UploadAsync(c, "file", FileTypes, 5 * 1024 * 1024)));
            app.MapPost("/v2.0/oa/upload/image", (Func<HttpContext, Task<IResult>>)(c => server.UploadAsync(c, "image", ImageTypes, 1024 * 1024)));
            app.MapPost("/v4/oa/access_token", (Delegate)server.RefreshAsync);
        });
        return server;
    }

    /// <summary>The current access token expires: the next send with it gets -220 ("access_token is expired or removed").</summary>
    public void ExpireAccessToken()
    {
        lock (_gate)
        {
            _expiredAccessTokens.Add(ValidAccessToken);
            ValidAccessToken = "not-issued-yet-" + Guid.NewGuid();
        }
    }

    /// <summary>The next <paramref name="calls"/> message calls answer -32 (over the OA's rate limit).</summary>
    public void RateLimitNext(int calls) => Interlocked.Exchange(ref _rateLimited, calls);

    /// <summary>The person has not written for 7 days (-230).</summary>
    public void OutsideReplyWindow(string userId) => SetUnreachable(userId, -230);

    /// <summary>The person does not follow the OA (-213).</summary>
    public void NotFollower(string userId) => SetUnreachable(userId, -213);

    /// <summary>The person wrote to the OA (or followed it again): messages reach them again.</summary>
    public void MakeReachable(string userId)
    {
        lock (_gate)
        {
            _unreachable.Remove(userId);
        }
    }

    private void SetUnreachable(string userId, int error)
    {
        lock (_gate)
        {
            _unreachable[userId] = error;
        }
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
                throw new TimeoutException("Zalo did not get the expected messages. So far:\n" + string.Join("\n", sent)
                                           + "\nRefused: " + string.Join(", ", Refused));
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the reply to a message in the given chat, e.g. the follow-up that proves earlier ones were handled.</summary>
    public Task<IReadOnlyList<ZaloSent>> WaitForReplyAsync(string userId, string text) =>
        WaitForAsync(s => s.Any(x => x.UserId == userId && x.Text.Contains(text, StringComparison.Ordinal)));

    private int? TokenError(string token)
    {
        lock (_gate)
        {
            return token == ValidAccessToken ? null : _expiredAccessTokens.Contains(token) ? -220 : -216;
        }
    }

    private static IResult Error(int error, string message) => Results.Ok(new { error, message });

    private async Task<IResult> SendAsync(HttpContext context)
    {
        Interlocked.Increment(ref _messageCalls);
        var token = context.Request.Headers["access_token"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        var userId = body["recipient"]?["user_id"]?.ToString() ?? "";
        if (TokenError(token) is { } tokenError)
        {
            return Error(tokenError, tokenError == -220 ? "access_token is expired or removed" : "Access token is invalid");
        }
        int? refusal = null;
        if (Interlocked.Decrement(ref _rateLimited) >= 0)
        {
            refusal = -32;
        }
        else
        {
            Interlocked.Exchange(ref _rateLimited, 0);
            lock (_gate)
            {
                refusal = _unreachable.TryGetValue(userId, out var e) ? e : null;
            }
        }
        if (refusal is { } code)
        {
            _refused.Enqueue(new ZaloRefused(userId, code));
            return Error(code, code switch
            {
                -32 => "Your request exceeds the rate limit",
                -230 => "User has not interacted with the OA in the past 7 days",
                _ => "User has not followed the OA",
            });
        }
        var text = body["message"]?["text"]?.ToString() ?? "";
        ZaloAttachment? attachment = null;
        if (body["message"]?["attachment"] is JsonObject attached)
        {
            var key = attached["type"]?.ToString() == "file"
                ? attached["payload"]?["token"]?.ToString()
                : attached["payload"]?["elements"]?[0]?["attachment_id"]?.ToString();
            lock (_gate)
            {
                if (key is null || !_uploads.TryGetValue(key, out attachment))
                {
                    return Error(-201, "attachment token is invalid");
                }
            }
        }
        if (text.Length > 2000 || (text.Length == 0 && attachment is null))
        {
            return Error(-201, "Parameter text is invalid");
        }
        _sent.Enqueue(new ZaloSent(userId, text, token, attachment));
        return Results.Ok(new { error = 0, message = "Success", data = new { message_id = Guid.NewGuid().ToString("N"), user_id = userId } });
    }

    private async Task<IResult> UploadAsync(HttpContext context, string type, string[] extensions, int maxBytes)
    {
        if (TokenError(context.Request.Headers["access_token"].ToString()) is { } tokenError)
        {
            return Error(tokenError, "Access token is invalid");
        }
        var form = await context.Request.ReadFormAsync();
        if (form.Files.GetFile("file") is not { } file || !extensions.Contains(Path.GetExtension(file.FileName).ToLowerInvariant())
            || file.Length > maxBytes)
        {
            return Error(-201, "file is invalid: type or size not supported");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var key = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _uploads[key] = new ZaloAttachment(type, file.FileName, buffer.ToArray());
        }
        return type == "file"
            ? Results.Ok(new { error = 0, message = "Success", data = new { token = key } })
            : Results.Ok(new { error = 0, message = "Success", data = new { attachment_id = key } });
    }

    private async Task<IResult> RefreshAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        lock (_gate)
        {
            var refresh = form["refresh_token"].ToString();
            if (context.Request.Headers["secret_key"] != AppSecret || form["grant_type"] != "refresh_token")
            {
                return Results.Ok(new { error = -14002, error_name = "invalid_request", error_description = "bad secret or grant" });
            }
            if (refresh != CurrentRefreshToken || !_usedRefreshTokens.Add(refresh))
            {
                return Results.Ok(new { error = -14020, error_name = "invalid_grant", error_description = "refresh token used or expired" });
            }
            _generation++;
            Refreshes++;
            // The old access token stops working once a new pair is issued.
            _expiredAccessTokens.Add(ValidAccessToken);
            ValidAccessToken = $"access-{_generation}";
            CurrentRefreshToken = $"refresh-{_generation}";
            return Results.Ok(new { access_token = ValidAccessToken, refresh_token = CurrentRefreshToken, expires_in = ExpiresInSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }
}
