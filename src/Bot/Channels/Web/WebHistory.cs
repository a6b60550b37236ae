using System.Text.Json;
using System.Text.Json.Nodes;

namespace DtsAssistant.Bot.Channels.Web;

/// <summary>The web conversation as stored per session and sent back to the page after a reload.</summary>
internal static class WebHistory
{
    public const string FromUser = "user";
    public const string FromBot = "bot";

    /// <summary>What the person sent (text, or the label of the pressed button) and every reply, in one transaction.</summary>
    public static void Record(WebSessionStore sessions, string userId, string? shown, IReadOnlyList<WebChatReply> replies)
    {
        var entries = new List<WebHistoryEntry>(replies.Count + 1);
        if (!string.IsNullOrEmpty(shown))
        {
            entries.Add(new WebHistoryEntry(FromUser, JsonSerializer.Serialize(new { text = shown }, JsonSerializerOptions.Web)));
        }
        entries.AddRange(replies.Select(r => new WebHistoryEntry(FromBot, JsonSerializer.Serialize(r, JsonSerializerOptions.Web))));
        sessions.Append(userId, entries);
    }

    /// <summary>The label the page showed for a button, looked up in the replies this session received.</summary>
    public static string? ButtonLabel(WebSessionStore sessions, string userId, string data) =>
        sessions.FindNewest(userId, FromBot, json =>
            JsonSerializer.Deserialize<WebChatReply>(json, JsonSerializerOptions.Web)?.Buttons.SelectMany(row => row).FirstOrDefault(b => b.Data == data)?.Label);

    /// <summary>{"entries":[{"from":"user","text":…},{"from":"bot","reply":{…}}]}, oldest first.</summary>
    public static string ToJson(IReadOnlyList<WebHistoryEntry> entries)
    {
        var list = new JsonArray();
        foreach (var entry in entries)
        {
            var node = JsonNode.Parse(entry.Json);
            list.Add(entry.From == FromUser
                ? new JsonObject { ["from"] = FromUser, ["text"] = node?["text"]?.GetValue<string>() }
                : new JsonObject { ["from"] = FromBot, ["reply"] = node });
        }
        return new JsonObject { ["entries"] = list }.ToJsonString();
    }
}
