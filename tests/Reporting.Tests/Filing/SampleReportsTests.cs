using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Tests.Infrastructure;

namespace DtsAssistant.Reporting.Tests.Filing;

/// <summary><c>sample reports --months N</c>: plausible filings for the sample directory only.</summary>
public abstract class SampleReportsTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    [DbFact]
    public async Task The_last_due_months_of_the_sample_directory_get_filings_some_late_some_missing_and_a_second_run_adds_nothing()
    {
        Assert.True((await World.Importer.ImportRowsAsync(ReportingWorld.Admin, SampleDirectory.Generate(), acceptValid: false, markSample: true)).Imported);

        // 10/11/2025: November is not due yet, so October and September are the last two due months.
        var filled = await SampleReports.FillRecentAsync(World.Database, World.Forms, World.Schedule, 2);

        Assert.NotNull(filled);
        Assert.Equal(["2025-10", "2025-09"], filled.Value.Periods.Select(p => p.Key));
        var october = (await World.Status.StatusAsync(ReportingWorld.Admin, Period.Month(2025, 10))).Overall;
        Assert.InRange(october.CompletenessPercent, 80m, 99m);
        Assert.True(october.Late > 0 && october.OnTime > october.Late && october.Missing > 0, $"{october}");
        Assert.Equal(0, (await World.Status.StatusAsync(ReportingWorld.Admin, Period.Month(2025, 11))).Overall.Submitted);
        Assert.Equal(0, (await SampleReports.FillRecentAsync(World.Database, World.Forms, World.Schedule, 2))!.Value.Reports);
    }

    [DbFact]
    public async Task A_directory_with_real_units_is_refused()
    {
        await World.WithSmallDirectoryAsync();

        Assert.Null(await SampleReports.FillRecentAsync(World.Database, World.Forms, World.Schedule, 3));
        Assert.Equal(0, (await World.Status.StatusAsync(ReportingWorld.Admin, Period.Month(2025, 10))).Overall.Submitted);
    }
}

public sealed class SampleReportsTests_on_Sqlite(SqliteFixture fixture) : SampleReportsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SampleReportsTests_on_Postgres(PostgresFixture fixture) : SampleReportsTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
