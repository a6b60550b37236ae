using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DtsAssistant.Bot.Orchestration;

namespace DtsAssistant.Bot.Tests.Orchestration;

public sealed class ExternalServicesReportTests
{
    private static IReadOnlyList<string> Describe(params (string Key, string Value)[] settings) =>
        ExternalServicesReport.Describe(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void With_nothing_configured_it_says_everything_stays_on_this_machine() =>
        Assert.Equal(["External services: none; everything runs on this machine"], Describe());

    [Fact]
    public void A_configured_model_is_named_by_its_origin_and_never_by_its_key()
    {
        var lines = Describe(("Llm:Endpoint", "https://llm.example.internal:8443/v1/"), ("Llm:Model", "qwen"), ("Llm:ApiKey", "sk-very-secret"));

        var line = Assert.Single(lines);
        Assert.Contains("https://llm.example.internal:8443", line, StringComparison.Ordinal);
        Assert.Contains("report figures are not sent", line, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-very-secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_data_to_the_model_and_qdrant_are_both_declared()
    {
        var lines = Describe(("Llm:Endpoint", "http://127.0.0.1:11434/v1"), ("Llm:Model", "m"), ("Llm:AllowReportData", "true"), ("Qdrant:Endpoint", "http://127.0.0.1:6334"));

        Assert.Equal(2, lines.Count);
        Assert.Contains("report figures", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("not sent", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Knowledge index: Qdrant at http://127.0.0.1:6334", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_endpoint_that_is_not_a_url_is_reported_when_the_options_are_read()
    {
        using var services = OrchestrationHost.Build(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = OrchestrationHost.RepositoryKnowledgeBase,
            ["Llm:Endpoint"] = "localhost-without-scheme",
            ["Llm:Model"] = "m",
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DtsAssistant.Bot.Orchestration.Llm.LlmOptions>>().Value);
        Assert.Contains("absolute URL", error.Message, StringComparison.Ordinal);
    }
}
