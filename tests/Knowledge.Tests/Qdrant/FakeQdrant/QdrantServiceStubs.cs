using Google.Protobuf;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;

// Qdrant.Client ships only the generated client classes, not the server base classes. These stubs are what
// protoc's C# gRPC plugin would generate for the server side of the methods we use, written by hand over the
// very message types the client serializes (same service and method names, same protobuf wire format).
internal static class QdrantMethods
{
    private static Marshaller<T> Of<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(
        string service, string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(MethodType.Unary, service, name, Of(request), Of(response));

    public static readonly Method<HealthCheckRequest, HealthCheckReply> HealthCheck =
        Unary("qdrant.Qdrant", "HealthCheck", HealthCheckRequest.Parser, HealthCheckReply.Parser);

    public static readonly Method<CreateCollection, CollectionOperationResponse> CreateCollection =
        Unary("qdrant.Collections", "Create", global::Qdrant.Client.Grpc.CreateCollection.Parser, CollectionOperationResponse.Parser);
    public static readonly Method<DeleteCollection, CollectionOperationResponse> DeleteCollection =
        Unary("qdrant.Collections", "Delete", global::Qdrant.Client.Grpc.DeleteCollection.Parser, CollectionOperationResponse.Parser);
    public static readonly Method<ListCollectionsRequest, ListCollectionsResponse> ListCollections =
        Unary("qdrant.Collections", "List", ListCollectionsRequest.Parser, ListCollectionsResponse.Parser);
    public static readonly Method<CollectionExistsRequest, CollectionExistsResponse> CollectionExists =
        Unary("qdrant.Collections", "CollectionExists", CollectionExistsRequest.Parser, CollectionExistsResponse.Parser);
    public static readonly Method<ChangeAliases, CollectionOperationResponse> UpdateAliases =
        Unary("qdrant.Collections", "UpdateAliases", ChangeAliases.Parser, CollectionOperationResponse.Parser);
    public static readonly Method<ListAliasesRequest, ListAliasesResponse> ListAliases =
        Unary("qdrant.Collections", "ListAliases", ListAliasesRequest.Parser, ListAliasesResponse.Parser);

    public static readonly Method<UpsertPoints, PointsOperationResponse> Upsert =
        Unary("qdrant.Points", "Upsert", UpsertPoints.Parser, PointsOperationResponse.Parser);
    public static readonly Method<CountPoints, CountResponse> Count =
        Unary("qdrant.Points", "Count", CountPoints.Parser, CountResponse.Parser);
    public static readonly Method<QueryPoints, QueryResponse> Query =
        Unary("qdrant.Points", "Query", QueryPoints.Parser, QueryResponse.Parser);
}

[BindServiceMethod(typeof(QdrantServiceBase), nameof(BindService))]
internal abstract class QdrantServiceBase
{
    public virtual Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) =>
        throw Unimplemented();

    public static void BindService(ServiceBinderBase binder, QdrantServiceBase? service) =>
        binder.AddMethod(QdrantMethods.HealthCheck, service is null ? null : service.HealthCheck);

    internal static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "not implemented by the fake"));
}

[BindServiceMethod(typeof(CollectionsServiceBase), nameof(BindService))]
internal abstract class CollectionsServiceBase
{
    public virtual Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();

    public static void BindService(ServiceBinderBase binder, CollectionsServiceBase? service)
    {
        binder.AddMethod(QdrantMethods.CreateCollection, service is null ? null : service.Create);
        binder.AddMethod(QdrantMethods.DeleteCollection, service is null ? null : service.Delete);
        binder.AddMethod(QdrantMethods.ListCollections, service is null ? null : service.List);
        binder.AddMethod(QdrantMethods.CollectionExists, service is null ? null : service.CollectionExists);
        binder.AddMethod(QdrantMethods.UpdateAliases, service is null ? null : service.UpdateAliases);
        binder.AddMethod(QdrantMethods.ListAliases, service is null ? null : service.ListAliases);
    }
}

[BindServiceMethod(typeof(PointsServiceBase), nameof(BindService))]
internal abstract class PointsServiceBase
{
    public virtual Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<CountResponse> Count(CountPoints request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();
    public virtual Task<QueryResponse> Query(QueryPoints request, ServerCallContext context) => throw QdrantServiceBase.Unimplemented();

    public static void BindService(ServiceBinderBase binder, PointsServiceBase? service)
    {
        binder.AddMethod(QdrantMethods.Upsert, service is null ? null : service.Upsert);
        binder.AddMethod(QdrantMethods.Count, service is null ? null : service.Count);
        binder.AddMethod(QdrantMethods.Query, service is null ? null : service.Query);
    }
}
