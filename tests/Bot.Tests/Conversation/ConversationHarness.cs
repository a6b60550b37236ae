using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>
/// The real composition (AddAssistantCore) on a real SQLite file in a temporary folder, with a FakeTimeProvider.
/// <see cref="RestartAsync"/> disposes the service provider and builds a new one on the same file, like a server restart.
/// </summary>
internal sealed class ConversationHarness : IAsyncDisposable
{
    /// <summary>10:00 on 10 November 2025 in Vietnam: monthly report for 11/2025 open, due in ten days.</summary>
    public static readonly DateTimeOffset Start = new(2025, 11, 10, 3, 0, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "dts-conv-" + Guid.NewGuid().ToString("N"));
    private readonly string? postgres;
    private readonly Action<IServiceCollection>? configure;
    private ServiceProvider provider;

    /// <param name="postgresConnectionString">Run on this PostgreSQL database instead of a SQLite file.</param>
    /// <param name="configure">Replaces services after the real composition (a failing planner, for the apology).</param>
    public ConversationHarness(DateTimeOffset? now = null, string? postgresConnectionString = null, Action<IServiceCollection>? configure = null)
    {
        this.configure = configure;
        Directory.CreateDirectory(folder);
        Clock = new FakeTimeProvider(now ?? Start);
        postgres = postgresConnectionString;
        provider = Build();
    }

    public FakeTimeProvider Clock { get; }

    public string DatabaseFile => Path.Combine(folder, "dts.db");

    public IServiceProvider Services => provider;

    public IConversationEngine Engine => provider.GetRequiredService<IConversationEngine>();

    public ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
                ["Database:ConnectionString"] = postgres ?? $"Data Source={DatabaseFile};Pooling=True;Default Timeout=30",
                ["Reporting:FormsFolder"] = Path.Combine(folder, "forms"),
                ["Reporting:SeedSampleDirectory"] = "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddAssistantCore(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        // The real knowledge base, indexed once for all tests (indexing takes seconds; the answers do not depend on the test).
        services.AddSingleton(SharedKnowledge.Value.GetRequiredService<IKnowledgeAnswerer>());
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task RestartAsync()
    {
        await provider.DisposeAsync();
        provider = Build();
    }

    public async Task<IReadOnlyList<Reply>> SendAsync(string user, string text, string channel = "telegram") =>
        await Engine.HandleAsync(new IncomingMessage(channel, user, user, text, DisplayName: $"Người dùng {user}"), CancellationToken.None);

    public async Task<IReadOnlyList<Reply>> PressAsync(string user, string data, string channel = "telegram") =>
        await Engine.HandleAsync(new IncomingMessage(channel, user, user, null, data), CancellationToken.None);

    /// <summary>Sends and returns the replies' text joined, for assertions that read like the conversation.</summary>
    public async Task<string> SayAsync(string user, string text) => Text(await SendAsync(user, text));

    public static string Text(IReadOnlyList<Reply> replies) => string.Join("\n---\n", replies.Select(r => r.Text));

    /// <summary>Adds communes and units straight into the database (the directory import is another helper's feature).</summary>
    public async Task SeedAsync(params (string Commune, string Code, string Name, UnitKind Kind)[] units)
    {
        var database = provider.GetRequiredService<ReportingDatabase>();
        await using var db = await database.OpenAsync();
        var communes = new Dictionary<string, Commune>();
        foreach (var (communeName, code, name, kind) in units)
        {
            if (!communes.TryGetValue(communeName, out var commune))
            {
                commune = db.Communes.Local.FirstOrDefault(c => c.Name == communeName)
                    ?? new Commune { Code = "X" + (communes.Count + 1 + db.Communes.Count()).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), Name = communeName };
                if (commune.Id == 0)
                {
                    db.Communes.Add(commune);
                }

                communes[communeName] = commune;
            }

            db.Units.Add(new Unit
            {
                Code = code,
                Name = name,
                Kind = kind,
                IsPublic = true,
                Commune = commune,
                ReportsTo = UnitKinds.ReportingLineOf(kind),
                UpdatedAt = Clock.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync();
    }

    public async Task<string> InviteAsync(Role role, string scopeCode)
    {
        var directory = provider.GetRequiredService<IDirectoryService>();
        var invites = await directory.CreateInvitesAsync(Caller.System("test"), scopeCode, role, 1);
        return invites[0].Code;
    }

    /// <summary>Registers a chat user through the conversation (/dangky) with a fresh invite.</summary>
    public async Task RegisterAsync(string user, Role role, string scopeCode)
    {
        var code = await InviteAsync(role, scopeCode);
        var reply = await SayAsync(user, "/dangky " + code);
        Assert.DoesNotContain("không", reply.Split('\n')[0], StringComparison.OrdinalIgnoreCase);
    }

    public async Task<T> QueryAsync<T>(Func<ReportingDbContext, Task<T>> query)
    {
        var database = provider.GetRequiredService<ReportingDatabase>();
        await using var db = await database.OpenAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may outlive the test on some platforms; the temp folder is cleaned by the OS.
        }
    }

    private static readonly Lazy<ServiceProvider> SharedKnowledge = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Watch"] = "false" })
            .Build();
        return new ServiceCollection().AddKnowledge(configuration).BuildServiceProvider();
    });
}
