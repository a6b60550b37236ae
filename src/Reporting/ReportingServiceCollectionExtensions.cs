using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Export;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DtsAssistant.Reporting;

public static class ReportingServiceCollectionExtensions
{
    /// <summary>The setting naming a schedule file that replaces the embedded schedule.json.</summary>
    public const string ScheduleFileSetting = "Reporting:ScheduleFile";

    /// <summary>
    /// Wires the reporting database (Database:Provider Sqlite|Postgres, Database:ConnectionString; default SQLite file
    /// data/dts.db, WAL, migrated on first use), forms (embedded, overridable from Reporting:FormsFolder), the schedule
    /// (embedded schedule.json, or the file at Reporting:ScheduleFile), and the directory, filing, status and export
    /// services. Expects a <see cref="TimeProvider"/> (System if none).
    /// </summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var database = ReportingDatabase.FromConfiguration(configuration, sp.GetRequiredService<TimeProvider>());
            // Demo default: an empty database gets the synthetic sample directory ("DỮ LIỆU MẪU") on first use.
            if (!string.Equals(configuration["Reporting:SeedSampleDirectory"], "false", StringComparison.OrdinalIgnoreCase))
            {
                var clock = sp.GetRequiredService<TimeProvider>();
                database.AfterFirstMigration = (db, ct) => SampleDirectory.SeedIfEmptyAsync(db, clock.GetUtcNow(), ct);
            }

            return database;
        });
        services.TryAddSingleton<IDbContextFactory<ReportingDbContext>>(sp => sp.GetRequiredService<ReportingDatabase>());
        services.TryAddSingleton<IFormCatalog>(_ => new FormCatalog(configuration["Reporting:FormsFolder"] ?? Path.Combine(System.IO.Directory.GetCurrentDirectory(), "forms")));
        services.TryAddSingleton(_ => ScheduleDefinition.FileOrDefault(configuration[ScheduleFileSetting]));
        services.TryAddSingleton<IReportingSchedule, ReportingSchedule>();
        services.TryAddSingleton(sp => InviteKey.FromConfiguration(configuration, sp.GetRequiredService<ReportingDatabase>()));
        services.TryAddSingleton<IDirectoryService, DirectoryService>();
        services.TryAddSingleton<IDirectoryAdministration, DirectoryAdministration>();
        services.TryAddSingleton<Privacy.IPersonalDataService, Privacy.PersonalDataService>();
        services.TryAddSingleton<IFilingService, FilingService>();
        services.TryAddSingleton<IStatusService, StatusService>();
        services.TryAddSingleton<IExportService, ExportService>();
        services.TryAddSingleton<UnitImporter>();
        services.TryAddSingleton(sp => new Export.ExportFolder(
            configuration["Reporting:ExportsFolder"] ?? Path.Combine(System.IO.Directory.GetCurrentDirectory(), "data", "exports"),
            TimeSpan.FromDays(double.TryParse(configuration["Reporting:ExportRetentionDays"], System.Globalization.CultureInfo.InvariantCulture, out var days) && days > 0 ? days : 7),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<Export.ExportCleanupService>();
        services.TryAddSingleton<Reminders.IReminderPlanner, Reminders.ReminderPlanner>();
        services.TryAddSingleton<Reminders.IReminderStore, Reminders.ReminderStore>();
        return services;
    }
}
