using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Documents;

/// <summary>The "key: value" block between two "---" lines at the top of a knowledge-base Markdown file.</summary>
internal static class FrontMatter
{
    public static bool TrySplit(string text, out Dictionary<string, string> fields, out string body)
    {
        fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        body = text;
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!normalized.StartsWith("---\n", StringComparison.Ordinal))
        {
            return false;
        }

        var end = normalized.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        foreach (var line in normalized[4..end].Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var bodyStart = normalized.IndexOf('\n', end + 1);
        body = bodyStart < 0 ? string.Empty : normalized[(bodyStart + 1)..];
        return true;
    }

    public static Authority ParseAuthority(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "excerpt" or "trích" or "bản trích" => Authority.Excerpt,
        "summary" or "tóm tắt" or "bản tóm tắt" => Authority.Summary,
        _ => Authority.Verbatim,
    };

    public static DocumentInfo ToInfo(Dictionary<string, string> fields, string path) => new(
        Id: fields.GetValueOrDefault("id") ?? Path.GetFileNameWithoutExtension(path),
        Kind: fields.GetValueOrDefault("kind") ?? "Văn bản",
        Number: fields.GetValueOrDefault("number") ?? string.Empty,
        Title: fields.GetValueOrDefault("title") ?? Path.GetFileNameWithoutExtension(path),
        Issuer: fields.GetValueOrDefault("issuer") ?? string.Empty,
        Date: fields.GetValueOrDefault("date") ?? string.Empty,
        Effective: fields.GetValueOrDefault("effective"),
        Signer: fields.GetValueOrDefault("signer"),
        Source: fields.GetValueOrDefault("source") ?? path,
        Completeness: fields.GetValueOrDefault("completeness") ?? string.Empty,
        Authority: ParseAuthority(fields.GetValueOrDefault("authority")),
        FilePath: path);
}
