namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>Settings under "Knowledge": where the knowledge base is, and whether to re-index when its files change.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge-base folder; empty means search upward for a folder named "knowledge-base".</summary>
    public string? Path { get; set; }

    /// <summary>Re-index when files change (only while a host runs).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>Quiet time after the last file change before re-indexing, so a copy of many files indexes once.</summary>
    public TimeSpan WatchDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>Finds the knowledge-base folder so `dotnet run --project src/Bot` works from the repository root.</summary>
public static class KnowledgeBaseLocator
{
    public const string FolderName = "knowledge-base";

    public static string Locate(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = System.IO.Path.GetFullPath(configuredPath);
            return Directory.Exists(full) ? full : throw new DirectoryNotFoundException($"Knowledge:Path '{full}' does not exist.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, FolderName);
                if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "ke-hoach*.md").Any())
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"No '{FolderName}' folder with the plan was found above the current directory; set Knowledge:Path.");
    }
}
