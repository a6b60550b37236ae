using System.Globalization;
using System.Text.Json;
using DtsAssistant.Bot.Channels.Outgoing;
using DtsAssistant.Bot.Channels.State;
using DtsAssistant.Bot.Conversation;

namespace DtsAssistant.Bot.Channels.Zalo;

/// <summary>Turns one stored Zalo event into a channel-neutral message, and the core's replies back into Zalo messages.</summary>
internal sealed class ZaloEventHandler(ZaloSender sender, ChannelStateStore store, IConversationEngine engine)
{
    public async Task HandleAsync(InboxItem item, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(item.Payload);
        var body = document.RootElement;
        var userId = item.ChatKey;
        var text = ReadString(body, "event_name") == "user_send_text" && body.TryGetProperty("message", out var m) ? ReadString(m, "text") : null;
        // Writing opens the 7-day reply window again.
        store.MarkReachable(ZaloSender.Channel, userId);
        if (text is null)
        {
            await sender.SendAsync(userId, ReplyText.Unsupported, SendKind.Reply, cancellationToken);
            return;
        }
        var incoming = new IncomingMessage(ZaloSender.Channel, userId, userId, text);
        // Typing the number (or the label) of an offered option is the same as pressing that button.
        var choices = store.GetChoices(ZaloSender.Channel, userId);
        var trimmed = text.Trim().TrimEnd('.');
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
        {
            incoming = incoming with { Text = null, ButtonData = choices[number - 1].Data };
        }
        else if (choices.FirstOrDefault(c => string.Equals(c.Label, trimmed, StringComparison.OrdinalIgnoreCase)) is { } chosen)
        {
            incoming = incoming with { Text = null, ButtonData = chosen.Data };
        }
        foreach (var reply in await engine.HandleAsync(incoming, cancellationToken))
        {
            await sender.SendAsync(userId, reply, SendKind.Reply, cancellationToken);
        }
    }

    public static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
