using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Qdrant;

/// <summary>The Vietnamese analyzer of the current knowledge snapshot, producing the embedded index's own vectors.</summary>
internal sealed class AnalyzerSparseEncoder(KnowledgeIndexHolder holder) : ISparseTextEncoder
{
    public IReadOnlyList<SparseTermVector> EncodeDocuments(IReadOnlyList<string> texts)
    {
        var analyzer = holder.Current.Analyzer;
        // The same average length the embedded index normalizes by (InvertedIndex.Build).
        var average = texts.Count == 0 ? 1 : texts.Average(t => (double)analyzer.DocumentLength(t));
        return [.. texts.Select(t => analyzer.ToDocumentVector(t, average))];
    }

    public SparseTermVector EncodeQuery(string text) => holder.Current.Analyzer.ToQueryVector(text ?? string.Empty);
}
