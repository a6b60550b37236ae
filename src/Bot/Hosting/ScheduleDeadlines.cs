using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Reporting;
using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtsAssistant.Bot.Hosting;

/// <summary>
/// Hands the knowledge answers the deadlines of the reporting schedule file, so that a person is told the deadline
/// reminders and lateness follow. (Knowledge does not know Reporting; without this its answers use the plan's text.)
/// </summary>
internal static class ScheduleDeadlines
{
    /// <summary>Registers the deadlines of the schedule Reporting uses (or, without Reporting, of the file it would use).</summary>
    public static IServiceCollection AddScheduleDeadlines(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(sp => From(sp.GetService<ScheduleDefinition>()
            ?? ScheduleDefinition.FileOrDefault(configuration[ReportingServiceCollectionExtensions.ScheduleFileSetting])));
        return services;
    }

    public static ReportingDeadlines From(ScheduleDefinition schedule)
    {
        var monthly = schedule.Rule(nameof(PeriodKind.Monthly));
        var quarterly = schedule.Rule(nameof(PeriodKind.Quarterly));
        var annual = schedule.Rule(nameof(PeriodKind.Annual));
        // An annual period starts in January, so its due month in the period is the calendar month.
        return new ReportingDeadlines(monthly.DueDay, quarterly.DueDay, quarterly.DueMonthInPeriod, annual.DueDay, annual.DueMonthInPeriod, schedule.Source);
    }
}
