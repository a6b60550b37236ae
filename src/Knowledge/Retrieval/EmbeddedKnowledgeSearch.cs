namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>The in-process search: BM25 over the current snapshot.</summary>
internal sealed class EmbeddedKnowledgeSearch(KnowledgeIndexHolder holder) : IKnowledgeSearch
{
    public IReadOnlyList<Passage> Search(string query, int top)
    {
        var index = holder.Current;
        var analysis = index.Analyzer.AnalyzeQuery(query ?? string.Empty);
        return index.Search(analysis, top)
            .Select(hit => new Passage(hit.Chunk.Id, hit.Chunk.Document.DisplayName, hit.Chunk.Section, hit.Chunk.Authority, hit.Chunk.Text, hit.Score))
            .ToList();
    }
}
