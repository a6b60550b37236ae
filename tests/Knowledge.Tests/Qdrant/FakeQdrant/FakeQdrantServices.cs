using Grpc.Core;
using Qdrant.Client.Grpc;

namespace DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;

internal sealed class FakeQdrantService(FakeQdrantStore store) : QdrantServiceBase
{
    public override Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context)
    {
        store.Record("HealthCheck");
        return Task.FromResult(new HealthCheckReply { Title = "qdrant - vector search engine (in-process fake)", Version = "1.15.0" });
    }
}

internal sealed class FakeCollectionsService(FakeQdrantStore store) : CollectionsServiceBase
{
    public override Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        store.Record("Collections.Create");
        return Task.FromResult(new CollectionOperationResponse { Result = store.Create(request) });
    }

    public override Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context)
    {
        store.Record("Collections.Delete");
        return Task.FromResult(new CollectionOperationResponse { Result = store.Delete(request.CollectionName) });
    }

    public override Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        store.Record("Collections.List");
        var response = new ListCollectionsResponse();
        response.Collections.AddRange(store.CollectionNames().Select(n => new CollectionDescription { Name = n }));
        return Task.FromResult(response);
    }

    public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context)
    {
        store.Record("Collections.CollectionExists");
        return Task.FromResult(new CollectionExistsResponse { Result = new CollectionExists { Exists = store.Exists(request.CollectionName) } });
    }

    public override Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context)
    {
        store.Record("Collections.UpdateAliases");
        store.ChangeAliases(request);
        return Task.FromResult(new CollectionOperationResponse { Result = true });
    }

    public override Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context)
    {
        store.Record("Collections.ListAliases");
        var response = new ListAliasesResponse();
        response.Aliases.AddRange(store.Aliases().Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }));
        return Task.FromResult(response);
    }
}

internal sealed class FakePointsService(FakeQdrantStore store) : PointsServiceBase
{
    public override Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        store.Record("Points.Upsert");
        store.With(request.CollectionName, c =>
        {
            c.Upsert(request.Points);
            return true;
        });
        return Task.FromResult(new PointsOperationResponse { Result = new UpdateResult { OperationId = 1, Status = UpdateStatus.Completed } });
    }

    public override Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        store.Record("Points.Count");
        var count = store.With(request.CollectionName, c => c.Count);
        return Task.FromResult(new CountResponse { Result = new CountResult { Count = (ulong)count } });
    }

    public override Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        store.Record("Points.Query");
        lock (store.Queries)
        {
            store.Queries.Add(request);
        }
        var response = new QueryResponse();
        response.Result.AddRange(store.With(request.CollectionName, c => c.Query(request)));
        return Task.FromResult(response);
    }
}
