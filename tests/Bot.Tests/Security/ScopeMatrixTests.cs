using DtsAssistant.Bot.Tests.Conversation;
using Npgsql;

namespace DtsAssistant.Bot.Tests.Security;

/// <summary>One seeded world (real SQLite file) shared by every case of the matrix; each case uses a fresh chat user.</summary>
public sealed class ScopeMatrixFixture : IAsyncLifetime
{
    internal ConversationHarness Chat { get; } = new();

    internal ScopeWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = new ScopeWorld(Chat);
        await World.SeedAsync();
    }

    public async Task DisposeAsync() => await Chat.DisposeAsync();
}

/// <summary>
/// Role × scope matrix (issue 11): anonymous, staff, focal point, commune officer, Sở staff and admin against every
/// command, status question, export and button, in the own scope and another's, through the real conversation engine.
/// </summary>
public sealed class ScopeMatrixTests(ScopeMatrixFixture fixture) : IClassFixture<ScopeMatrixFixture>
{
    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var (actor, c) in ScopeMatrix.All())
        {
            data.Add(actor, c.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Nobody_reads_or_changes_data_outside_the_scope(string actor, string caseId)
    {
        var problems = await ScopeMatrix.RunAsync(fixture.World, actor, ScopeMatrix.Find(caseId));
        Assert.True(problems.Count == 0, $"{actor} × {caseId}: " + string.Join("; ", problems));
    }

    [Fact]
    public void The_matrix_covers_every_command_of_the_table_and_every_role()
    {
        foreach (var entry in DtsAssistant.Bot.Conversation.Routing.CommandTable.Entries)
        {
            Assert.Contains(ScopeMatrix.Cases, c => c.Input.StartsWith("/" + entry.Names[0], StringComparison.Ordinal) && c.Scope == CaseScope.Other);
        }

        Assert.Equal(Enum.GetValues<DtsAssistant.Reporting.Data.Role>().Length + 1, ScopeMatrix.Actors.Length);
        Assert.Equal(ScopeMatrix.Actors.Length * ScopeMatrix.Cases.Count, ScopeMatrix.All().Count());
    }
}

/// <summary>The same matrix on PostgreSQL (DTS_TEST_POSTGRES), in one test that lists every failing case.</summary>
public sealed class ScopeMatrixPostgresTests
{
    [PostgresFact]
    public async Task Nobody_reads_or_changes_data_outside_the_scope_on_postgresql()
    {
        var server = Environment.GetEnvironmentVariable("DTS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DTS_TEST_REQUIRE_SERVICES=1 requires DTS_TEST_POSTGRES.");
        var name = "matrix_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var problems = new List<string>();
            await using (var chat = new ConversationHarness(postgresConnectionString: new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString))
            {
                var world = new ScopeWorld(chat);
                await world.SeedAsync();
                foreach (var (actor, c) in ScopeMatrix.All())
                {
                    problems.AddRange((await ScopeMatrix.RunAsync(world, actor, c)).Select(p => $"{actor} × {c.Id}: {p}"));
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
