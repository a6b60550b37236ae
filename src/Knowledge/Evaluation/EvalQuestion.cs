using System.Text.Json;
using System.Text.Json.Nodes;

namespace DtsAssistant.Knowledge.Evaluation;

/// <summary>
/// One question of an eval file (shared/eval/README.md): what is asked and what the answer must and must not say.
/// </summary>
public sealed record EvalQuestion(
    string Id,
    string Kind,
    string Question,
    IReadOnlyList<string> ExpectAll,
    IReadOnlyList<string> ExpectAny,
    IReadOnlyList<string> ExpectNone,
    bool ExpectNotFound)
{
    /// <summary>The kind whose answer may have either <c>found</c> value (a greeting is not a fact).</summary>
    public const string SmallTalk = "smalltalk";

    /// <summary>Reads one JSON line; throws <see cref="FormatException"/> with the reason when it is not a question.</summary>
    public static EvalQuestion Parse(string line)
    {
        JsonObject node;
        try
        {
            node = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("không phải một đối tượng JSON");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"không đọc được JSON ({ex.Message})", ex);
        }

        var question = Text(node, "question");
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new FormatException("thiếu \"question\"");
        }

        var notFound = node["expect_not_found"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw new FormatException("\"expect_not_found\" phải là true hoặc false"),
        };

        return new EvalQuestion(
            Text(node, "id") ?? "?",
            Text(node, "kind") ?? string.Empty,
            question,
            Phrases(node, "expect_all"),
            Phrases(node, "expect_any"),
            Phrases(node, "expect_none"),
            notFound);
    }

    private static string? Text(JsonObject node, string name) => node[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new FormatException($"\"{name}\" phải là chuỗi"),
    };

    private static string[] Phrases(JsonObject node, string name)
    {
        if (node[name] is null)
        {
            return [];
        }

        if (node[name] is not JsonArray array)
        {
            throw new FormatException($"\"{name}\" phải là mảng chuỗi");
        }

        return array.Select(item => item is JsonValue v && v.TryGetValue<string>(out var s) && EvalText.Fold(s).Length > 0
                ? s
                : throw new FormatException($"\"{name}\" chứa phần tử rỗng hoặc không phải chuỗi"))
            .ToArray();
    }
}
