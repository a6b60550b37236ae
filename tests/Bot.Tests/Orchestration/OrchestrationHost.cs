using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DtsAssistant.Bot.Orchestration;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting;

namespace DtsAssistant.Bot.Tests.Orchestration;

/// <summary>The real knowledge services and orchestration, wired from settings the way the host wires them.</summary>
internal static class OrchestrationHost
{
    /// <summary>Builds the services; the reporting store is a fresh SQLite file seeded with the sample directory.</summary>
    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        settings.TryAdd("Database:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), $"dts-orchestration-{Guid.NewGuid():N}.db")};Pooling=false");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddKnowledge(configuration);
        services.AddReporting(configuration);
        services.AddOrchestration(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Settings for the model at <paramref name="model"/>, short timeouts so failure tests finish quickly.</summary>
    public static Dictionary<string, string?> WithModel(FakeOpenAiServer model, string knowledgeBase, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = knowledgeBase,
            ["Knowledge:Watch"] = "false",
            ["Llm:Endpoint"] = model.Endpoint.ToString(),
            ["Llm:Model"] = "fake-model",
            ["Llm:ApiKey"] = "test-key-not-secret",
            ["Llm:TurnTimeoutSeconds"] = "10",
            ["Llm:AttemptTimeoutSeconds"] = "5",
            ["Llm:MaxRetries"] = "2",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The repository's knowledge base (the real plan and guidelines).</summary>
    public static string RepositoryKnowledgeBase => KnowledgeBaseLocator.Locate(null);
}
