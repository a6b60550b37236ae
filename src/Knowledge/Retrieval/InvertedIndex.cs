using System.Buffers;

namespace DtsAssistant.Knowledge.Retrieval;

/// <summary>
/// BM25 over postings keyed by term index (the same hashed indices as <see cref="SparseTermVector"/>), so a sparse-vector
/// engine with an IDF modifier ranks exactly as this does. Immutable once built; a rebuild makes a new one.
/// </summary>
public sealed class InvertedIndex
{
    private readonly Dictionary<uint, Posting[]> _postings;
    private readonly Dictionary<uint, float> _idf;

    private InvertedIndex(Dictionary<uint, Posting[]> postings, int documentCount, double averageLength)
    {
        _postings = postings;
        DocumentCount = documentCount;
        AverageDocumentLength = averageLength;
        _idf = postings.ToDictionary(p => p.Key, p => (float)Text.VietnameseAnalyzer.InverseDocumentFrequency(documentCount, p.Value.Length));
    }

    public int DocumentCount { get; }

    public double AverageDocumentLength { get; }

    public int TermCount => _postings.Count;

    /// <summary>Builds from each document's terms (with repeats) and its length in syllables.</summary>
    public static InvertedIndex Build(IReadOnlyList<(IReadOnlyList<string> Terms, int Length)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var average = documents.Count == 0 ? 1 : documents.Average(d => (double)d.Length);
        var lists = new Dictionary<uint, List<Posting>>();
        var frequencies = new Dictionary<uint, int>();
        for (var doc = 0; doc < documents.Count; doc++)
        {
            frequencies.Clear();
            foreach (var term in documents[doc].Terms)
            {
                var index = Text.VietnameseAnalyzer.TermIndex(term);
                frequencies[index] = frequencies.GetValueOrDefault(index) + 1;
            }

            foreach (var (index, tf) in frequencies)
            {
                if (!lists.TryGetValue(index, out var list))
                {
                    list = [];
                    lists[index] = list;
                }

                list.Add(new Posting(doc, Text.VietnameseAnalyzer.SaturatedFrequency(tf, documents[doc].Length, average)));
            }
        }

        return new InvertedIndex(lists.ToDictionary(p => p.Key, p => p.Value.ToArray()), documents.Count, average);
    }

    /// <summary>The idf of a term, or the idf of an unseen term when the corpus never uses it.</summary>
    public double Idf(string term) =>
        _idf.TryGetValue(Text.VietnameseAnalyzer.TermIndex(term), out var idf) ? idf : Text.VietnameseAnalyzer.InverseDocumentFrequency(DocumentCount, 0);

    /// <summary>The idf of a term by its index.</summary>
    public double Idf(uint term) =>
        _idf.TryGetValue(term, out var idf) ? idf : Text.VietnameseAnalyzer.InverseDocumentFrequency(DocumentCount, 0);

    /// <summary>How many documents use the term (written into a buffer: no string made).</summary>
    public int DocumentFrequency(ReadOnlySpan<char> term) =>
        _postings.TryGetValue(Text.VietnameseAnalyzer.TermIndex(term), out var postings) ? postings.Length : 0;

    public bool Contains(string term) => _postings.ContainsKey(Text.VietnameseAnalyzer.TermIndex(term));

    /// <summary>Top documents by Σ idf · query weight · saturated tf, best first.</summary>
    public IReadOnlyList<(int Document, double Score)> Search(IReadOnlyDictionary<string, float> queryTerms, int top)
    {
        ArgumentNullException.ThrowIfNull(queryTerms);
        return Search(queryTerms.Select(t => (Text.VietnameseAnalyzer.TermIndex(t.Key), t.Value)).ToList(), top);
    }

    /// <summary>The same with the query's terms by index (see <see cref="Text.QueryAnalysis.TermIds"/>).</summary>
    public IReadOnlyList<(int Document, double Score)> Search(IReadOnlyList<(uint Id, float Weight)> queryTerms, int top)
    {
        ArgumentNullException.ThrowIfNull(queryTerms);
        if (top <= 0 || DocumentCount == 0)
        {
            return [];
        }

        // The shared pool hands out arrays other code has written to: clear before use (a memset, cheap even at 100k).
        var scores = ArrayPool<float>.Shared.Rent(DocumentCount);
        // Posting weights are positive, so a document is counted once: one slot each, and one for the last overwrite.
        var touched = ArrayPool<int>.Shared.Rent(DocumentCount + 1);
        Array.Clear(scores, 0, DocumentCount);
        var count = 0;
        try
        {
            Span<uint> seen = queryTerms.Count <= 256 ? stackalloc uint[queryTerms.Count] : new uint[queryTerms.Count];
            var distinct = 0;
            foreach (var (index, weight) in queryTerms)
            {
                if (seen[..distinct].Contains(index) || !_postings.TryGetValue(index, out var postings))
                {
                    continue;
                }

                seen[distinct++] = index;
                var factor = _idf[index] * weight;
                if (!(factor > 0))
                {
                    continue; // adds nothing: a document it alone would touch is no match
                }

                // Whether a document is touched for the first time is a coin toss per posting: recorded without a
                // branch (the slot is overwritten unless the score was still zero), as a mispredicted branch costs more
                // than the rest of the loop.
                foreach (var posting in postings)
                {
                    ref var score = ref scores[posting.Document];
                    touched[count] = posting.Document;
                    count += score == 0 ? 1 : 0;
                    score += factor * posting.Weight;
                }
            }

            return TopOf(scores, touched.AsSpan(0, count), top);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    private static List<(int Document, double Score)> TopOf(float[] scores, ReadOnlySpan<int> touched, int top)
    {
        // The best k kept in order by insertion: k is small (a page of candidates), and most documents fall below the
        // k-th best at once. Ties go to the earlier document.
        var documents = new int[Math.Min(top, touched.Length)];
        var best = new float[documents.Length];
        var count = 0;
        foreach (var doc in touched)
        {
            var score = scores[doc];
            if (count == documents.Length && !Outranks(score, doc, best[count - 1], documents[count - 1]))
            {
                continue;
            }

            var at = count < documents.Length ? count++ : count - 1;
            while (at > 0 && Outranks(score, doc, best[at - 1], documents[at - 1]))
            {
                best[at] = best[at - 1];
                documents[at] = documents[at - 1];
                at--;
            }

            best[at] = score;
            documents[at] = doc;
        }

        var result = new List<(int, double)>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add((documents[i], best[i]));
        }

        return result;
    }

    private static bool Outranks(float score, int document, float otherScore, int otherDocument) =>
        score > otherScore || (score == otherScore && document < otherDocument);

    private readonly record struct Posting(int Document, float Weight);
}
