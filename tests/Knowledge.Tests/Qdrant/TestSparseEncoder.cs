using DtsAssistant.Knowledge.Qdrant;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>A whitespace BM25 encoder over a growing vocabulary, for tests that do not need the Vietnamese analyzer.</summary>
internal sealed class TestSparseEncoder : ISparseTextEncoder
{
    private readonly Dictionary<string, uint> _vocabulary = new(StringComparer.Ordinal);

    public IReadOnlyList<SparseTermVector> EncodeDocuments(IReadOnlyList<string> texts)
    {
        var tokenized = texts.Select(Tokens).ToList();
        var average = tokenized.Count == 0 ? 1 : tokenized.Average(t => t.Count);
        return [.. tokenized.Select(tokens =>
        {
            var counts = tokens.GroupBy(Term).OrderBy(g => g.Key).ToList();
            return new SparseTermVector(
                [.. counts.Select(g => g.Key)],
                [.. counts.Select(g => (float)(g.Count() * 2.2 / (g.Count() + (1.2 * (0.25 + (0.75 * tokens.Count / average))))))]);
        })];
    }

    public SparseTermVector EncodeQuery(string text)
    {
        var known = Tokens(text).Where(_vocabulary.ContainsKey).Select(t => _vocabulary[t]).Distinct().Order().ToList();
        return new SparseTermVector(known, [.. known.Select(_ => 1f)]);
    }

    private static List<string> Tokens(string text) =>
        [.. text.ToLowerInvariant().Split([' ', ',', '.', '?'], StringSplitOptions.RemoveEmptyEntries)];

    private uint Term(string token)
    {
        if (!_vocabulary.TryGetValue(token, out var id))
        {
            id = (uint)_vocabulary.Count;
            _vocabulary[token] = id;
        }

        return id;
    }
}
