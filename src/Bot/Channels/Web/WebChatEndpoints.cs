using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Common;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>The web chat's JSON shapes: what the page posts and what it gets back.</summary>
internal sealed record WebChatRequest(string? UserId, string? Text, string? ButtonData);

internal sealed record WebChatButton(string Label, string Data);

internal sealed record WebChatCitation(string Document, string Section, string Quote);

internal sealed record WebChatFile(string Name, string Url);

internal sealed record WebChatReply(string Text, IReadOnlyList<IReadOnlyList<WebChatButton>> Buttons,
    IReadOnlyList<WebChatCitation> Citations, WebChatFile? File);

internal sealed record WebChatResponse(IReadOnlyList<WebChatReply> Replies);

internal sealed record WebChatError(string Error);

/// <summary>The web chat: the page (embedded, no CDN), POST /api/chat into the same conversation core, and file downloads.</summary>
internal static partial class WebChatEndpoints
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
        endpoints.MapGet("/files/{token}", (string token, DownloadStore downloads) =>
            downloads.Find(token) is { } file
                ? Results.File(file.Content, file.ContentType, file.FileName)
                : Results.NotFound(new WebChatError("Tệp không còn hoặc đường dẫn không đúng. Bạn hãy yêu cầu xuất lại.")));
        return endpoints;
    }

    private static async Task<IResult> ChatAsync(WebChatRequest? request, IConversationEngine engine, DownloadStore downloads,
        CancellationToken cancellationToken)
    {
        if (request?.UserId is not { } userId || !UserIdPattern().IsMatch(userId))
        {
            return Results.BadRequest(new WebChatError("Thiếu hoặc sai mã người dùng của trình duyệt. Bạn hãy tải lại trang."));
        }
        if (string.IsNullOrWhiteSpace(request.Text) && string.IsNullOrEmpty(request.ButtonData))
        {
            return Results.BadRequest(new WebChatError("Bạn chưa nhập nội dung."));
        }
        var incoming = new IncomingMessage(Channel, userId, userId, string.IsNullOrEmpty(request.ButtonData) ? request.Text : null,
            string.IsNullOrEmpty(request.ButtonData) ? null : request.ButtonData);
        var replies = await engine.HandleAsync(incoming, cancellationToken);
        return Results.Ok(new WebChatResponse(replies.Select(reply => new WebChatReply(
            reply.Text,
            reply.ButtonRows.Select(row => (IReadOnlyList<WebChatButton>)row.Select(b => new WebChatButton(b.Label, b.Data)).ToList()).ToList(),
            reply.CitationList.Select(c => new WebChatCitation(c.Document, c.Section, c.Quote)).ToList(),
            reply.File is { } file ? new WebChatFile(file.FileName, downloads.Add(file)) : null)).ToList()));
    }

    private static byte[] ReadPage(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("wwwroot/" + name)
                           ?? throw new InvalidOperationException($"The web chat page {name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The page makes a random id per browser; anything else is refused rather than trusted.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex UserIdPattern();
}
