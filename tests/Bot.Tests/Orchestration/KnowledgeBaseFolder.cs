using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Bot.Tests.Orchestration;

/// <summary>A throwaway copy of the repository's knowledge base, to which a test can add documents.</summary>
internal sealed class KnowledgeBaseFolder : IDisposable
{
    public KnowledgeBaseFolder()
    {
        Path = Directory.CreateTempSubdirectory("dts-kb-").FullName;
        var source = KnowledgeBaseLocator.Locate(null);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    public KnowledgeBaseFolder Add(string relativePath, string content)
    {
        var target = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.WriteAllText(target, content);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
