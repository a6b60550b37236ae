using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace DtsAssistant.Knowledge.Tests.Qdrant;

/// <summary>
/// A small deterministic embedding: hashed character trigrams of the text with diacritics removed, so "sao luu" lands
/// near "sao lưu". Stands in for an embedding endpoint, which these tests must not call.
/// </summary>
internal sealed class TestEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int Dimensions = 64;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static float[] Embed(string text)
    {
        var folded = new string([.. text.ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
        var vector = new float[Dimensions];
        for (var i = 0; i + 3 <= folded.Length; i++)
        {
            vector[(int)(StableHash(folded.AsSpan(i, 3)) % Dimensions)] += 1;
        }

        return vector;
    }

    // FNV-1a: string.GetHashCode is seeded per process, which made rankings differ between runs.
    private static uint StableHash(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
