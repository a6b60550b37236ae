using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DtsAssistant.Knowledge.Tests.Qdrant.FakeQdrant;

/// <summary>
/// A Qdrant stand-in speaking Qdrant's gRPC contract over cleartext HTTP/2 on 127.0.0.1 (random port), so the real
/// <c>Qdrant.Client</c> talks to it exactly as it would to a server.
/// </summary>
internal sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeQdrantServer(WebApplication app, FakeQdrantStore store)
    {
        _app = app;
        Store = store;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address);
    }

    public Uri Endpoint { get; }

    public FakeQdrantStore Store { get; }

    public static async Task<FakeQdrantServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var store = new FakeQdrantStore();
        builder.Services.AddSingleton(store);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<FakeQdrantService>();
        app.MapGrpcService<FakeCollectionsService>();
        app.MapGrpcService<FakePointsService>();
        await app.StartAsync();
        return new FakeQdrantServer(app, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
