using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Tests.Ranking;

/// <summary>The BM25 index's top-k: the same ranking as scoring every document and sorting, ties to the earlier document.</summary>
public sealed class InvertedIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(500)]
    public void Top_k_equals_scoring_every_document_and_sorting(int top)
    {
        var random = new Random(27);
        var vocabulary = Enumerable.Range(0, 40).Select(i => $"u:w{i}").ToArray();
        var documents = Enumerable.Range(0, 300)
            .Select(_ => Enumerable.Range(0, random.Next(1, 12)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList())
            .ToList();
        var index = InvertedIndex.Build(documents.Select(d => ((IReadOnlyList<string>)d, d.Count)).ToList());

        for (var q = 0; q < 50; q++)
        {
            var query = Enumerable.Range(0, random.Next(1, 5)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).Distinct()
                .ToDictionary(t => t, _ => (float)(random.Next(1, 4) / 2.0));
            var expected = Enumerable.Range(0, documents.Count)
                .Select(d => (Document: d, Score: Score(index, documents[d], query)))
                .Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Document)
                .Take(top)
                .ToList();

            var actual = index.Search(query, top);

            Assert.Equal(expected.Select(x => x.Document), actual.Select(x => x.Document));
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Score, p.Second.Score, 5));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1024)]
    public void A_query_that_touches_every_document_ranks_them_all(int count)
    {
        // Every document holds both terms: each is touched once, however many postings reach it.
        var documents = Enumerable.Range(0, count).Select(d => (IReadOnlyList<string>)["u:x", "u:y", .. Enumerable.Repeat("u:z", d % 3)]).ToList();
        var index = InvertedIndex.Build(documents.Select(d => (d, d.Count)).ToList());

        var hits = index.Search([(VietnameseAnalyzer.TermIndex("u:x"), 1f), (VietnameseAnalyzer.TermIndex("u:y"), 1f), (VietnameseAnalyzer.TermIndex("u:x"), 1f)], count + 5);

        Assert.Equal(count, hits.Count);
        Assert.Equal(Enumerable.Range(0, count).OrderBy(d => documents[d].Count).ThenBy(d => d), hits.Select(h => h.Document));
    }

    // BM25 written out for one document: Σ idf · weight · saturated tf, in float as the index accumulates.
    private static float Score(InvertedIndex index, List<string> document, Dictionary<string, float> query)
    {
        float score = 0;
        foreach (var (term, weight) in query)
        {
            var tf = document.Count(t => t == term);
            if (tf > 0)
            {
                score += (float)index.Idf(term) * weight * VietnameseAnalyzer.SaturatedFrequency(tf, document.Count, index.AverageDocumentLength);
            }
        }

        return score;
    }
}
