using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Qdrant;

/// <summary>One chunk as the Qdrant index stores it: the text plus what a citation needs, carried as payload.</summary>
/// <param name="IndexText">What the vectors are made from (the text with its heading), when it differs from <paramref name="Text"/>.</param>
public sealed record QdrantChunk(string ChunkId, string Document, string Section, Authority Authority, string Text, string? IndexText = null)
{
    public string VectorText => IndexText ?? Text;
}

/// <summary>
/// Turns text into the analyzer's sparse term vectors. Documents carry the term-frequency part of BM25 and queries
/// carry plain term weights; Qdrant's IDF modifier supplies the idf part at query time, so the same vectors rank the
/// same way in the embedded index and in Qdrant.
/// </summary>
public interface ISparseTextEncoder
{
    /// <summary>Document vectors for the whole corpus at once (length normalization needs the average length).</summary>
    IReadOnlyList<SparseTermVector> EncodeDocuments(IReadOnlyList<string> texts);

    SparseTermVector EncodeQuery(string text);
}
