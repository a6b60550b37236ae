using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>
/// Zalo verifies the webhook's domain by a meta tag on the site's home page before it accepts the webhook URL:
/// with <see cref="ZaloOptions.SiteVerification"/> set, the web chat page at "/" carries it.
/// </summary>
internal static class ZaloSiteVerification
{
    public const string MetaName = "zalo-platform-site-verification";

    public static byte[] AddMetaTag(byte[] page, IServiceProvider services)
    {
        if (services.GetService<IOptions<ZaloOptions>>()?.Value.SiteVerification is not { Length: > 0 } content)
        {
            return page;
        }
        var html = Encoding.UTF8.GetString(page);
        var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        if (head < 0)
        {
            return page;
        }
        var tag = $"\n<meta name=\"{MetaName}\" content=\"{WebUtility.HtmlEncode(content.Trim())}\" />";
        return Encoding.UTF8.GetBytes(html.Insert(head + "<head>".Length, tag));
    }
}
