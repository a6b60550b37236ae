using System.Security.Cryptography;
using System.Text;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace DtsAssistant.Knowledge.Qdrant;

/// <summary>
/// The knowledge index kept in Qdrant: sparse vectors with the IDF modifier, plus a dense vector when an embedding
/// generator is configured, fused with Reciprocal Rank Fusion. Answers are always read through an alias; a re-index
/// fills a new collection and swaps the alias in one request, so searching never sees a half-built index.
/// </summary>
public sealed class QdrantKnowledgeIndex(
    QdrantClient client,
    IOptions<QdrantOptions> options,
    ISparseTextEncoder encoder,
    ILogger<QdrantKnowledgeIndex> logger,
    IEmbeddingGenerator<string, Embedding<float>>? embeddings = null) : IKnowledgeSearch
{
    internal const string SparseVector = "text";
    internal const string DenseVector = "dense";
    private const int UpsertBatch = 128;
    private const int EmbeddingBatch = 32;

    private readonly QdrantOptions _options = options.Value;

    /// <summary>Whether the collection behind the alias has a dense vector (decided when it was built).</summary>
    private bool _hasDense = embeddings is not null;

    public IReadOnlyList<Passage> Search(string query, int top) =>
        // Retrieval is synchronous in the shared contract; there is no synchronization context in the host, so
        // waiting on the gRPC call here cannot deadlock.
        SearchAsync(query, top, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<Passage>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        var sparse = encoder.EncodeQuery(query);
        if (top <= 0)
        {
            return [];
        }

        var prefetch = new List<PrefetchQuery>();
        if (sparse.Indices.Count > 0)
        {
            prefetch.Add(new() { Query = new Query { Nearest = new VectorInput { Sparse = ToSparse(sparse) } }, Using = SparseVector, Limit = (ulong)_options.PrefetchLimit });
        }

        if (_hasDense && embeddings is not null && !string.IsNullOrWhiteSpace(query))
        {
            var dense = await embeddings.GenerateVectorAsync(query, cancellationToken: cancellationToken);
            prefetch.Add(new() { Query = new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { dense.ToArray() } } } }, Using = DenseVector, Limit = (ulong)_options.PrefetchLimit });
        }

        if (prefetch.Count == 0)
        {
            return [];
        }

        // Sparse alone is ranked directly, exactly like the embedded index; with a dense vector too, RRF fuses both.
        var hits = prefetch.Count == 1
            ? await client.QueryAsync(_options.Alias, query: prefetch[0].Query, usingVector: prefetch[0].Using, limit: (ulong)top, payloadSelector: true, cancellationToken: cancellationToken)
            : await client.QueryAsync(_options.Alias, query: new Query { Fusion = Fusion.Rrf }, prefetch: prefetch, limit: (ulong)top, payloadSelector: true, cancellationToken: cancellationToken);
        return [.. hits.Select(QdrantPayload.ToPassage)];
    }

    /// <summary>
    /// Makes the alias point at a collection holding exactly <paramref name="chunks"/>. The collection is named by a
    /// hash of the content, so restarting with an unchanged knowledge base does nothing; a changed one is built beside
    /// the old collection, the alias is switched atomically, and only then is the old collection dropped.
    /// </summary>
    /// <returns>The name of the collection the alias now points to.</returns>
    public async Task<string> ReindexAsync(IReadOnlyList<QdrantChunk> chunks, CancellationToken cancellationToken)
    {
        var sparseVectors = encoder.EncodeDocuments([.. chunks.Select(c => c.VectorText)]);
        var target = $"{_options.Alias}-{ContentHash(chunks, sparseVectors, embeddings is not null)}";
        var aliases = await client.ListAliasesAsync(cancellationToken);
        var current = aliases.FirstOrDefault(a => a.AliasName == _options.Alias)?.CollectionName;
        if (current == target)
        {
            logger.LogInformation("Qdrant alias {Alias} already serves {Collection}; nothing to re-index", _options.Alias, target);
            return target;
        }

        if (await client.CollectionExistsAsync(target, cancellationToken))
        {
            // Left over from a build that stopped before switching the alias: its content cannot be trusted.
            await client.DeleteCollectionAsync(target, cancellationToken: cancellationToken);
        }

        List<float[]>? denseVectors = null;
        if (embeddings is not null && chunks.Count > 0)
        {
            denseVectors = [];
            // Embedding endpoints cap the inputs of one request; small batches also keep each call short.
            foreach (var batch in chunks.Chunk(EmbeddingBatch))
            {
                var generated = await embeddings.GenerateAsync(batch.Select(c => c.VectorText), cancellationToken: cancellationToken);
                denseVectors.AddRange(generated.Select(e => e.Vector.ToArray()));
            }
        }

        var create = new CreateCollection
        {
            CollectionName = target,
            SparseVectorsConfig = new SparseVectorConfig { Map = { [SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf } } },
        };
        if (denseVectors is { Count: > 0 })
        {
            create.VectorsConfig = new VectorsConfig
            {
                ParamsMap = new VectorParamsMap { Map = { [DenseVector] = new VectorParams { Size = (ulong)denseVectors[0].Length, Distance = Distance.Cosine } } },
            };
        }

        await client.CreateCollectionAsync(create, cancellationToken);
        var points = chunks.Select((chunk, i) =>
        {
            var vectors = new NamedVectors { Vectors = { [SparseVector] = new Vector { Sparse = ToSparse(sparseVectors[i]) } } };
            if (denseVectors is not null)
            {
                vectors.Vectors[DenseVector] = new Vector { Dense = new DenseVector { Data = { denseVectors[i] } } };
            }

            var point = new PointStruct { Id = (ulong)i, Vectors = new Vectors { Vectors_ = vectors } };
            QdrantPayload.Fill(point.Payload, chunk);
            return point;
        }).ToList();
        foreach (var batch in points.Chunk(UpsertBatch))
        {
            await client.UpsertAsync(target, batch, wait: true, cancellationToken: cancellationToken);
        }

        var switchAlias = new List<AliasOperations>();
        if (current is not null)
        {
            switchAlias.Add(new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = _options.Alias } });
        }

        switchAlias.Add(new AliasOperations { CreateAlias = new CreateAlias { AliasName = _options.Alias, CollectionName = target } });
        await client.UpdateAliasesAsync(switchAlias, cancellationToken: cancellationToken);
        _hasDense = denseVectors is { Count: > 0 };
        logger.LogInformation("Qdrant alias {Alias} switched from {Previous} to {Collection} ({Count} chunks)", _options.Alias, current ?? "(none)", target, chunks.Count);

        if (current is not null)
        {
            await client.DeleteCollectionAsync(current, cancellationToken: cancellationToken);
        }

        return target;
    }

    private static SparseVector ToSparse(SparseTermVector vector) => new() { Indices = { vector.Indices }, Values = { vector.Values } };

    // The vectors are part of the hash: an analyzer change re-indexes even when the documents did not change.
    private static string ContentHash(IReadOnlyList<QdrantChunk> chunks, IReadOnlyList<SparseTermVector> vectors, bool dense)
    {
        var text = new StringBuilder(dense ? "dense\n" : "sparse\n");
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            text.Append(chunk.ChunkId).Append('\u001f').Append(chunk.Document).Append('\u001f').Append(chunk.Section)
                .Append('\u001f').Append(chunk.Authority).Append('\u001f').Append(chunk.Text).Append('\u001f').Append(chunk.IndexText).Append('\u001f')
                .AppendJoin(',', vectors[i].Indices).Append('\u001f').AppendJoin(',', vectors[i].Values).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
