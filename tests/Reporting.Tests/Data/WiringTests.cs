using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Reporting.Tests.Data;

public sealed class WiringTests
{
    private static ServiceProvider Build(string folder, bool seed) =>
        new ServiceCollection()
            .AddReporting(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "nested", "dts.db")};Pooling=False",
                ["Reporting:SeedSampleDirectory"] = seed ? null : "false",
                ["Reporting:FormsFolder"] = Path.Combine(folder, "forms"),
            }).Build())
            .BuildServiceProvider();

    [Fact]
    public async Task AddReporting_creates_the_database_on_first_use_and_loads_the_labelled_sample_directory()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("dts-wiring-");
        try
        {
            await using (var services = Build(folder.FullName, seed: true))
            {
                var directory = services.GetRequiredService<IDirectoryService>();
                Assert.True(await directory.IsSampleDirectoryAsync());
                Assert.NotNull(await directory.FindCommuneAsync("MAU-X129"));
                var status = await services.GetRequiredService<IStatusService>().StatusAsync(Caller.System(), Period.Month(2025, 11));
                Assert.True(status.IncludesSampleData);
                Assert.Equal(0, status.Overall.Submitted);
                Assert.NotNull(services.GetRequiredService<IFilingService>());
                Assert.Equal(DatabaseProvider.Sqlite, services.GetRequiredService<ReportingDatabase>().Provider);
            }

            Assert.True(File.Exists(Path.Combine(folder.FullName, "nested", "dts.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sample_seeding_can_be_turned_off()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("dts-wiring-");
        try
        {
            await using var services = Build(folder.FullName, seed: false);
            var directory = services.GetRequiredService<IDirectoryService>();

            Assert.False(await directory.IsSampleDirectoryAsync());
            Assert.Null(await directory.FindUnitAsync("SO-VP"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
