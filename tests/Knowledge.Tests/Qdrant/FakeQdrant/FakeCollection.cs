using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;

/// <summary>
/// One collection of the fake. Scoring follows Qdrant: sparse vectors score by dot product, and with the IDF modifier
/// each query weight is multiplied by idf = ln((N - n + 0.5) / (n + 0.5) + 1) computed over the collection's points at
/// query time; dense cosine vectors are normalized on upsert and score by dot product; RRF gives a point at 0-based
/// position p in a prefetch list 1 / (p + k), k = 2 unless the request says otherwise.
/// </summary>
internal sealed class FakeCollection(CreateCollection config)
{
    private const uint DefaultRrfK = 2;
    private readonly Dictionary<string, StoredPoint> _points = new(StringComparer.Ordinal);

    public CreateCollection Config { get; } = config;

    public int Count => _points.Count;

    public void Upsert(IEnumerable<PointStruct> points)
    {
        foreach (var point in points)
        {
            var dense = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var sparse = new Dictionary<string, Dictionary<uint, float>>(StringComparer.Ordinal);
            var named = point.Vectors?.VectorsOptionsCase switch
            {
                Vectors.VectorsOptionsOneofCase.Vectors_ => point.Vectors.Vectors_.Vectors,
                Vectors.VectorsOptionsOneofCase.Vector => new MapField<string, Vector> { [string.Empty] = point.Vectors.Vector },
                _ => new MapField<string, Vector>(),
            };
            foreach (var (name, vector) in named)
            {
                if (Config.SparseVectorsConfig?.Map.ContainsKey(name) == true)
                {
                    sparse[name] = ReadSparse(vector);
                }
                else
                {
                    dense[name] = Normalize(ReadDense(vector, name));
                }
            }

            _points[Key(point.Id)] = new StoredPoint(point.Id, dense, sparse, point.Payload);
        }
    }

    public IReadOnlyList<ScoredPoint> Query(QueryPoints request)
    {
        var limit = request.HasLimit ? (int)request.Limit : 10;
        List<(StoredPoint Point, float Score)> ranked;
        if (request.Prefetch.Count > 0)
        {
            if (request.Query?.VariantCase is not (global::Qdrant.Client.Grpc.Query.VariantOneofCase.Fusion or global::Qdrant.Client.Grpc.Query.VariantOneofCase.Rrf))
            {
                throw QdrantServiceBase.Unimplemented();
            }

            var k = request.Query.VariantCase == global::Qdrant.Client.Grpc.Query.VariantOneofCase.Rrf && request.Query.Rrf.HasK ? request.Query.Rrf.K : DefaultRrfK;
            var lists = request.Prefetch.Select(p => Nearest(p.Query, p.HasUsing ? p.Using : string.Empty, p.HasLimit ? (int)p.Limit : 10));
            ranked = Fuse(lists, k);
        }
        else
        {
            ranked = Nearest(request.Query, request.HasUsing ? request.Using : string.Empty, int.MaxValue);
        }

        var withPayload = request.WithPayload?.SelectorOptionsCase == WithPayloadSelector.SelectorOptionsOneofCase.Enable && request.WithPayload.Enable;
        return
        [
            .. ranked.Take(limit).Select(r =>
            {
                var scored = new ScoredPoint { Id = r.Point.Id, Score = r.Score, Version = 1 };
                if (withPayload)
                {
                    scored.Payload.Add(r.Point.Payload);
                }

                return scored;
            }),
        ];
    }

    private List<(StoredPoint Point, float Score)> Nearest(Query? query, string vectorName, int limit)
    {
        if (query?.VariantCase != global::Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest)
        {
            throw QdrantServiceBase.Unimplemented();
        }

        var input = query.Nearest;
        IEnumerable<(StoredPoint Point, float Score)> scored;
        if (Config.SparseVectorsConfig?.Map.TryGetValue(vectorName, out var sparseParams) == true)
        {
            if (input.VariantCase != VectorInput.VariantOneofCase.Sparse)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Vector `{vectorName}` is sparse; a sparse query is required"));
            }

            var useIdf = sparseParams.HasModifier && sparseParams.Modifier == Modifier.Idf;
            var holders = _points.Values.Where(p => p.Sparse.ContainsKey(vectorName)).ToList();
            var weights = new Dictionary<uint, float>();
            for (var i = 0; i < input.Sparse.Indices.Count; i++)
            {
                var term = input.Sparse.Indices[i];
                var weight = input.Sparse.Values[i];
                if (useIdf)
                {
                    var n = holders.Count(p => p.Sparse[vectorName].ContainsKey(term));
                    weight *= (float)Math.Log(((holders.Count - n + 0.5) / (n + 0.5)) + 1);
                }

                weights[term] = weights.GetValueOrDefault(term) + weight;
            }

            scored = holders
                .Select(p => (p, p.Sparse[vectorName].Sum(t => weights.TryGetValue(t.Key, out var w) ? w * t.Value : 0f)))
                // A sparse search only returns points that share at least one term with the query.
                .Where(s => s.p.Sparse[vectorName].Keys.Any(weights.ContainsKey));
        }
        else
        {
            if (input.VariantCase != VectorInput.VariantOneofCase.Dense)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Vector `{vectorName}` is dense; a dense query is required"));
            }

            var probe = Normalize([.. input.Dense.Data]);
            scored = _points.Values
                .Where(p => p.Dense.ContainsKey(vectorName))
                .Select(p => (p, p.Dense[vectorName].Zip(probe, (a, b) => a * b).Sum()));
        }

        return [.. scored.OrderByDescending(s => s.Item2).ThenBy(s => Order(s.Item1.Id)).ThenBy(s => Key(s.Item1.Id), StringComparer.Ordinal).Take(limit)];
    }

    private static List<(StoredPoint Point, float Score)> Fuse(IEnumerable<List<(StoredPoint Point, float Score)>> lists, uint k)
    {
        var fused = new Dictionary<string, (StoredPoint Point, float Score)>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            for (var position = 0; position < list.Count; position++)
            {
                var key = Key(list[position].Point.Id);
                var contribution = 1f / (position + k);
                fused[key] = fused.TryGetValue(key, out var seen) ? (seen.Point, seen.Score + contribution) : (list[position].Point, contribution);
            }
        }

        return [.. fused.Values.OrderByDescending(f => f.Score).ThenBy(f => Order(f.Point.Id)).ThenBy(f => Key(f.Point.Id), StringComparer.Ordinal)];
    }

    private static Dictionary<uint, float> ReadSparse(Vector vector)
    {
        var (indices, values) = vector.VectorCase == Vector.VectorOneofCase.Sparse
            ? (vector.Sparse.Indices.ToList(), vector.Sparse.Values.ToList())
#pragma warning disable CS0612 // Older clients send sparse vectors in the deprecated data/indices fields.
            : (vector.Indices?.Data.ToList() ?? [], vector.Data.ToList());
#pragma warning restore CS0612
        if (indices.Count != values.Count || indices.Distinct().Count() != indices.Count)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Sparse vector indices and values must match and be unique"));
        }

        return indices.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }

    private float[] ReadDense(Vector vector, string name)
    {
#pragma warning disable CS0612
        var data = vector.VectorCase == Vector.VectorOneofCase.Dense ? [.. vector.Dense.Data] : vector.Data.ToArray();
#pragma warning restore CS0612
        var size = Config.VectorsConfig?.ConfigCase switch
        {
            VectorsConfig.ConfigOneofCase.Params when name.Length == 0 => Config.VectorsConfig.Params.Size,
            VectorsConfig.ConfigOneofCase.ParamsMap when Config.VectorsConfig.ParamsMap.Map.TryGetValue(name, out var p) => p.Size,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"Not existing vector name error: {name}")),
        };
        return data.Length == (int)size
            ? data
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"Wrong input: Vector dimension error: expected dim: {size}, got {data.Length}"));
    }

    private static float[] Normalize(float[] vector)
    {
        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return length == 0 ? vector : [.. vector.Select(v => v / length)];
    }

    // Equal scores come back in point-id order, as from a freshly built Qdrant segment.
    private static ulong Order(PointId id) => id.HasNum ? id.Num : ulong.MaxValue;

    private static string Key(PointId id) => id.HasUuid ? id.Uuid : id.Num.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record StoredPoint(
        PointId Id,
        Dictionary<string, float[]> Dense,
        Dictionary<string, Dictionary<uint, float>> Sparse,
        MapField<string, Value> Payload);
}
