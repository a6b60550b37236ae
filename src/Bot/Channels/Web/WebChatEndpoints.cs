using System.Reflection;
using System.Text;
using System.Text.Json;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Routing;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>The web chat's JSON shapes: what the page posts and what it gets back.</summary>
/// <summary>Who is asking comes from the session cookie only; an id in the body is ignored.</summary>
internal sealed record WebChatRequest(string? Text, string? ButtonData);

internal sealed record WebChatButton(string Label, string Data);

internal sealed record WebChatCitation(string Document, string Section, string Quote);

internal sealed record WebChatFile(string Name, string Url);

internal sealed record WebChatReply(string Text, IReadOnlyList<IReadOnlyList<WebChatButton>> Buttons,
    IReadOnlyList<WebChatCitation> Citations, WebChatFile? File);

internal sealed record WebChatResponse(IReadOnlyList<WebChatReply> Replies);

internal sealed record WebChatError(string Error);

/// <summary>
/// The web chat: the page (embedded, no CDN), POST /api/chat into the same conversation core for the session's
/// server-chosen identity, GET /api/history to show the conversation again after a reload, and file downloads.
/// </summary>
internal static class WebChatEndpoints
{
    public const string Channel = "web";

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (path, resource, type) in new[]
                 {
                     ("/", "index.html", "text/html; charset=utf-8"),
                     ("/app.js", "app.js", "text/javascript; charset=utf-8"),
                     ("/app.css", "app.css", "text/css; charset=utf-8"),
                 })
        {
            var content = ReadPage(resource);
            if (resource == "index.html")
            {
                // The page greets with the same words as /start: one welcome, worded in HelpText.
                content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content)
                    .Replace("{{welcome}}", ReplyText.EscapeHtml(HelpText.Welcome.Trim()), StringComparison.Ordinal));
            }
            // The home page carries Zalo's domain verification tag when one is configured.
            content = path == "/" ? Zalo.ZaloSiteVerification.AddMetaTag(content, endpoints.ServiceProvider) : content;
            endpoints.MapGet(path, () => Results.Bytes(content, type));
        }
        endpoints.MapPost("/api/chat", ChatAsync);
        endpoints.MapGet("/api/history", History);
        endpoints.MapGet("/files/{token}", (string token, DownloadStore downloads) =>
            downloads.Find(token) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : Results.NotFound(new WebChatError("Tệp không còn hoặc đường dẫn không đúng. Bạn hãy yêu cầu xuất lại.")));
        return endpoints;
    }

    private static async Task<IResult> ChatAsync(HttpContext context, IConversationEngine engine, DownloadStore downloads,
        WebSessionStore sessions, WebThrottles throttles, IOptions<WebChatOptions> options, CancellationToken cancellationToken)
    {
        WebChatRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<WebChatRequest>(context.Request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Json(WebChatProtection.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new WebChatError("Nội dung gửi lên không đúng định dạng. Bạn hãy tải lại trang."));
        }
        if (request is null || (string.IsNullOrWhiteSpace(request.Text) && string.IsNullOrEmpty(request.ButtonData)))
        {
            return Results.BadRequest(new WebChatError("Bạn chưa nhập nội dung."));
        }
        var text = string.IsNullOrEmpty(request.ButtonData) ? request.Text : null;
        if (WebSessionCookie.Resolve(context, sessions, throttles, options.Value) is not { } userId)
        {
            return TooMany();
        }
        if (text is not null && IsRegistrationAttempt(text) && !throttles.TryRegistration(WebChatProtection.Address(context)))
        {
            return TooMany();
        }
        var incoming = new IncomingMessage(Channel, userId, userId, text, text is null ? request.ButtonData : null);
        var replies = (await engine.HandleAsync(incoming, cancellationToken)).Select(reply => new WebChatReply(
            reply.Text,
            reply.ButtonRows.Select(row => (IReadOnlyList<WebChatButton>)row.Select(b => new WebChatButton(b.Label, b.Data)).ToList()).ToList(),
            reply.CitationList.Select(c => new WebChatCitation(c.Document, c.Section, c.Quote)).ToList(),
            reply.File is { } file ? new WebChatFile(file.FileName, downloads.Add(file)) : null)).ToList();
        WebHistory.Record(sessions, userId, text ?? WebHistory.ButtonLabel(sessions, userId, request.ButtonData!), replies);
        return Results.Ok(new WebChatResponse(replies));
    }

    /// <summary>The conversation of this browser's session (none yet: an empty list, and a session is issued).</summary>
    private static IResult History(HttpContext context, WebSessionStore sessions, WebThrottles throttles, IOptions<WebChatOptions> options) =>
        WebSessionCookie.Resolve(context, sessions, throttles, options.Value) is { } userId
            ? Results.Content(WebHistory.ToJson(sessions.History(userId)), "application/json; charset=utf-8")
            : TooMany();

    private static IResult TooMany() => Results.Json(WebChatProtection.TooManyRequests, statusCode: StatusCodes.Status429TooManyRequests);

    /// <summary>/dangky CODE, or /start CODE (a deep link): attempts at an invite code, limited per address.</summary>
    private static bool IsRegistrationAttempt(string text) =>
        CommandLine.Parse(text.Trim()) is { } command
        && (CommandTable.Canonical(command.Name) == "dangky" || (command.Name == "start" && command.Argument.Length > 0));

    private static byte[] ReadPage(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + name)
                           ?? throw new InvalidOperationException($"The web chat page {name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

}
