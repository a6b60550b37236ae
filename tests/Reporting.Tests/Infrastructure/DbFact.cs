using Xunit.Abstractions;
using Xunit.Sdk;

namespace DtsAssistant.Reporting.Tests.Infrastructure;

/// <summary>
/// A fact that runs against a real database. In a class marked <see cref="IPostgresTests"/> it is reported as skipped
/// (with the reason) when no PostgreSQL server is configured, instead of silently passing.
/// </summary>
[XunitTestCaseDiscoverer("DtsAssistant.Reporting.Tests.Infrastructure.DbFactDiscoverer", "DtsAssistant.Reporting.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;

public sealed class DbFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var skip = typeof(IPostgresTests).IsAssignableFrom(type) ? PostgresFixture.SkipReason : null;
        yield return new DbTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}

public sealed class DbTestCase : XunitTestCase
{
    private string? _skip;

    [Obsolete("Called by the de-serializer only.", error: true)]
    public DbTestCase()
    {
    }

    public DbTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string? skip)
        : base(sink, display, options, method) => _skip = skip;

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => _skip ?? base.GetSkipReason(factAttribute);

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("DbSkip", _skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _skip = data.GetValue<string?>("DbSkip");
        base.Deserialize(data);
    }
}
