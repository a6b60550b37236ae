using System.Text.Encodings.Web;
using System.Text.Json;

namespace DtsAssistant.Bot.Orchestration.Plugins;

/// <summary>
/// How function results reach the model: one JSON value, so retrieved text is always a quoted string inside data and
/// can never pose as the conversation's structure. Vietnamese stays unescaped (a \uXXXX per letter would multiply the
/// tokens the model reads); this JSON never goes into HTML.
/// </summary>
internal static class ModelData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
