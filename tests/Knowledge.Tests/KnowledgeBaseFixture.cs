using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>The repository's real knowledge base, indexed once per test class that asks for it.</summary>
public sealed class KnowledgeBaseFixture
{
    public KnowledgeBaseFixture()
    {
        Folder = KnowledgeBaseLocator.Locate(null);
        Holder = NewHolder(Folder);
    }

    public string Folder { get; }

    internal KnowledgeIndexHolder Holder { get; }

    public KnowledgeIndex Index => Holder.Current;

    /// <summary>An answerer whose "today" is the given Vietnam local time.</summary>
    internal IKnowledgeAnswerer AnswererAt(DateTimeOffset vietnamTime) =>
        new KnowledgeAnswerer(Holder, new FakeTimeProvider(vietnamTime.ToUniversalTime()));

    internal IKnowledgeAnswerer Answerer() => AnswererAt(new DateTimeOffset(2025, 12, 15, 9, 0, 0, VietnamTime.Offset));

    internal static KnowledgeIndexHolder NewHolder(string folder) =>
        new(Options.Create(new KnowledgeOptions { Path = folder }), NullLogger<KnowledgeIndexHolder>.Instance);
}
