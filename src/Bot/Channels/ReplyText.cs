using System.Text;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Common;

namespace DtsAssistant.Bot.Channels;

/// <summary>Renders a reply's text and citations for channels that show only text (Telegram HTML, Zalo plain text).</summary>
internal static class ReplyText
{
    /// <summary>The answer to stickers, photos, voice and files (worded in <see cref="CommonTexts"/>).</summary>
    public static readonly Reply Unsupported = new(CommonTexts.Unsupported);

    public static string Render(Reply reply, bool html)
    {
        var builder = new StringBuilder(html ? EscapeHtml(reply.Text) : reply.Text);
        if (reply.CitationList.Count > 0)
        {
            builder.Append("\n\n").Append(html ? "<b>Nguồn:</b>" : "Nguồn:");
            foreach (var citation in reply.CitationList)
            {
                var source = string.IsNullOrWhiteSpace(citation.Section) ? citation.Document : $"{citation.Document}, {citation.Section}";
                builder.Append("\n• ").Append(html ? $"<i>{EscapeHtml(source)}</i>" : source);
            }
        }
        return builder.ToString();
    }

    /// <summary>Telegram's HTML needs only these four escaped; WebUtility would also turn Vietnamese letters into entities.</summary>
    public static string EscapeHtml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Buttons as numbered options the person can type, for channels without buttons.</summary>
    public static string RenderNumberedOptions(IReadOnlyList<ReplyButton> options)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < options.Count; i++)
        {
            builder.Append('\n').Append(i + 1).Append(". ").Append(options[i].Label);
        }
        builder.Append("\n(Gõ số để chọn)");
        return builder.ToString();
    }
}
