namespace DtsAssistant.Bot.Channels.Web;

/// <summary>
/// The session cookie: a random token, HttpOnly (no script reads it), SameSite=Strict (no other site sends it),
/// Secure when the request came over HTTPS. A browser without a valid one gets a new session, limited per address.
/// </summary>
internal static class WebSessionCookie
{
    public const string Name = "dts_session";

    /// <summary>The session's user id, issuing a session when there is none; null when new sessions are refused.</summary>
    public static string? Resolve(HttpContext context, WebSessionStore sessions, WebThrottles throttles, WebChatOptions options)
    {
        if (sessions.Find(context.Request.Cookies[Name]) is { } userId)
        {
            return userId;
        }
        if (!throttles.TryNewSession(WebChatProtection.Address(context)))
        {
            return null;
        }
        var (token, newUserId) = sessions.Create();
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = options.SessionIdleLifetime,
            IsEssential = true,
        });
        return newUserId;
    }
}
