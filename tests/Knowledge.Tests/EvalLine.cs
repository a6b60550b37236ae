using System.Text;
using System.Text.Json.Nodes;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>A question in the eval format with its pass rule (the same folding as the eval README describes).</summary>
internal sealed record EvalLine(string Id, string Question, string[] ExpectAll, string[] ExpectAny, bool ExpectNotFound)
{
    public static EvalLine Parse(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        static string[] Strings(JsonNode? n) => n is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : [];
        return new EvalLine(node["id"]!.GetValue<string>(), node["question"]!.GetValue<string>(), Strings(node["expect_all"]), Strings(node["expect_any"]), node["expect_not_found"]?.GetValue<bool>() ?? false);
    }

    public bool Passes(KnowledgeAnswer answer)
    {
        if (ExpectNotFound)
        {
            return !answer.Found;
        }

        var text = Fold(answer.Answer);
        return answer.Found && ExpectAll.All(e => text.Contains(Fold(e), StringComparison.Ordinal))
            && (ExpectAny.Length == 0 || ExpectAny.Any(e => text.Contains(Fold(e), StringComparison.Ordinal)));
    }

    private static string Fold(string text)
    {
        var folded = VietnameseText.Fold(text.Normalize(NormalizationForm.FormC).ToLowerInvariant());
        return string.Join(' ', System.Text.RegularExpressions.Regex.Split(folded, @"[^\p{L}\p{N}%/]+").Where(s => s.Length > 0));
    }
}
