using Npgsql;

namespace DtsAssistant.Bot.Tests.Channels;

/// <summary>A fresh database on the DTS_TEST_POSTGRES server for one test, dropped afterwards.</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private ThrowawayPostgres(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ThrowawayPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("DTS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DTS_TEST_REQUIRE_SERVICES=1 requires DTS_TEST_POSTGRES.");
        var name = "once_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new ThrowawayPostgres(server, name);
    }

    /// <summary>Settings that point the server's reporting database here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
