using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Bot.Cli;

/// <summary>`ask [--json] "question"`: one grounded answer, as text with sources or as one JSON object.</summary>
internal static class AskCommand
{
    /// <summary>Vietnamese stays readable in the JSON (no \uXXXX escapes); the shape is the documented ask --json object.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        Console.InputEncoding = Encoding.UTF8;
        using var services = KnowledgeCli.BuildServices();
        if (args.Contains("--passages"))
        {
            // Retrieval only, for checking what the index finds: "ask --passages <question>".
            var query = string.Join(' ', args.Where(a => a != "--passages"));
            foreach (var passage in services.GetRequiredService<IKnowledgeSearch>().Search(query, 10))
            {
                Console.WriteLine($"{passage.Score,7:F2}  {passage.Document}, {passage.Section} [{passage.Authority}]: {passage.Text[..Math.Min(140, passage.Text.Length)]}");
            }

            return Task.FromResult(0);
        }

        return Task.FromResult(Run(args, services.GetRequiredService<IKnowledgeAnswerer>(), Console.Out));
    }

    internal static int Run(string[] args, IKnowledgeAnswerer answerer, TextWriter output)
    {
        var json = args.Contains("--json");
        var question = string.Join(' ', args.Where(a => a != "--json"));
        var answer = answerer.Ask(question);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(answer, Json));
            return 0;
        }

        output.WriteLine(answer.Answer);
        foreach (var citation in answer.Citations)
        {
            output.WriteLine($"Nguồn: {citation.Document}, {citation.Section}");
        }

        return 0;
    }
}

/// <summary>The services the knowledge commands need, without the server's channels or database.</summary>
internal static class KnowledgeCli
{
    public static ServiceProvider BuildServices()
    {
        var configuration = CliSupport.Configuration();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddKnowledge(configuration);
        services.AddScheduleDeadlines(configuration);
        return services.BuildServiceProvider();
    }
}
