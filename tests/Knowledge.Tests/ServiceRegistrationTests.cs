using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Knowledge.Tests;

public sealed class ServiceRegistrationTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    private ServiceProvider Services(TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Path"] = kb.Folder }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddKnowledge(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddKnowledge_makes_the_answerer_and_the_search_resolvable_as_singletons()
    {
        using var provider = Services(TimeProvider.System);
        Assert.Same(provider.GetRequiredService<IKnowledgeAnswerer>(), provider.GetRequiredService<IKnowledgeAnswerer>());
        Assert.Same(provider.GetRequiredService<IKnowledgeSearch>(), provider.GetRequiredService<IKnowledgeSearch>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is KnowledgeBaseWatcher);
    }

    [Fact]
    public void The_registered_answerer_uses_the_registered_TimeProvider()
    {
        using var provider = Services(new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero)));
        var answer = provider.GetRequiredService<IKnowledgeAnswerer>().Ask("Hạn báo cáo tháng này?");
        Assert.Contains("trước 20/2/2026", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("còn 10 ngày", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_returns_passages_with_document_section_and_authority()
    {
        using var provider = Services(TimeProvider.System);
        var passages = provider.GetRequiredService<IKnowledgeSearch>().Search("khung năng lực số 6 miền", 5);
        Assert.Equal(5, passages.Count);
        Assert.True(passages.Zip(passages.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Contains(passages, p => p.Document == "Thông tư 02/2025/TT-BGDĐT" && p.Authority == Authority.Summary && p.Section.Length > 0);
    }
}
