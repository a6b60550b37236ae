namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>How far a document can be relied on: the full text, an excerpt of it, or a summary.</summary>
public enum Authority
{
    Verbatim,
    Excerpt,
    Summary,
}

/// <summary>One retrieved passage with everything a citation needs.</summary>
public sealed record Passage(
    string ChunkId,
    string Document,
    string Section,
    Authority Authority,
    string Text,
    double Score);

/// <summary>A sparse vector over the analyzer's term space (what Qdrant stores as a sparse vector).</summary>
public sealed record SparseTermVector(IReadOnlyList<uint> Indices, IReadOnlyList<float> Values);

/// <summary>Retrieval over the knowledge base, independent of where the index lives (embedded or Qdrant).</summary>
public interface IKnowledgeSearch
{
    IReadOnlyList<Passage> Search(string query, int top);
}
