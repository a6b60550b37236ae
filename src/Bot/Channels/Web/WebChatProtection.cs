using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>
/// What stands between the internet and the web chat: security headers on every response, a 16 KB body limit
/// enforced before a body is read, and ASP.NET Core's rate limiter (per client address and for everyone together) on
/// the chat API, on new sessions and on registration attempts. A refused request gets 429 with a Vietnamese reason.
/// </summary>
internal static class WebChatProtection
{
    public static readonly WebChatError TooManyRequests =
        new("Bạn gửi quá nhiều yêu cầu trong thời gian ngắn. Bạn hãy chờ một lát rồi thử lại.");

    public static readonly WebChatError TooLarge = new("Nội dung gửi lên quá lớn (tối đa 16 KB).");

    /// <summary>No script, style or frame from anywhere else; the page cannot be framed; the type is never sniffed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section);
        services.AddSingleton(sp => new WebSessionStore(sp.GetRequiredService<IOptions<ChannelOptions>>().Value.StatePath,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<WebChatOptions>>().Value.SessionIdleLifetime));
        services.AddSingleton<WebThrottles>();
        services.AddSingleton<Conversation.Privacy.IChannelDataEraser, WebChatDataEraser>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<WebChatOptions>>((limiter, web) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(TooManyRequests, ct);
            };
            // Only the chat API is limited here; webhooks and the page are not.
            limiter.GlobalLimiter = WebThrottles.Chained<HttpContext>(web.Value.ChatPerAddressPerMinute, web.Value.ChatGlobalPerMinute,
                TimeSpan.FromMinutes(1), Address, context => context.Request.Path.StartsWithSegments("/api"));
        });
        return services;
    }

    /// <summary>Headers and the body limit; runs before routing reaches any endpoint.</summary>
    public static IApplicationBuilder UseWebChatProtection(this IApplicationBuilder app)
    {
        var maxBody = app.ApplicationServices.GetRequiredService<IOptions<WebChatOptions>>().Value.MaxBodyBytes;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                if (context.Request.ContentLength > maxBody)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await context.Response.WriteAsJsonAsync(TooLarge);
                    return;
                }
                // A body without a length (chunked) is cut off by the server once it passes the limit.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = maxBody;
                }
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>The limits checked inside the endpoints, where the request's meaning is known (a registration, a new session).</summary>
internal sealed class WebThrottles(IOptions<WebChatOptions> options)
{
    private readonly PartitionedRateLimiter<string> _registrations = Chained<string>(options.Value.RegistrationPerAddressPerHour,
        options.Value.RegistrationGlobalPerHour, TimeSpan.FromHours(1), address => address);

    private readonly PartitionedRateLimiter<string> _sessions = Chained<string>(options.Value.NewSessionsPerAddressPerHour,
        int.MaxValue / 2, TimeSpan.FromHours(1), address => address);

    public bool TryRegistration(string address) => Take(_registrations, address);

    public bool TryNewSession(string address) => Take(_sessions, address);

    private static bool Take(PartitionedRateLimiter<string> limiter, string address)
    {
        using var lease = limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    /// <summary>A fixed window per address, chained with one fixed window for everyone.</summary>
    /// <param name="applies">Items it does not apply to pass without limit.</param>
    public static PartitionedRateLimiter<T> Chained<T>(int perAddress, int global, TimeSpan window, Func<T, string> address,
        Func<T, bool>? applies = null) =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<T, string>(item => applies?.Invoke(item) == false
                ? RateLimitPartition.GetNoLimiter("-")
                : RateLimitPartition.GetFixedWindowLimiter("a:" + address(item),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perAddress, Window = window, QueueLimit = 0 })),
            PartitionedRateLimiter.Create<T, string>(item => applies?.Invoke(item) == false
                ? RateLimitPartition.GetNoLimiter("-")
                : RateLimitPartition.GetFixedWindowLimiter("all",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = global, Window = window, QueueLimit = 0 })));
}
