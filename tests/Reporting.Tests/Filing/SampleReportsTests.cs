using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Tests.Infrastructure;

namespace DtsAssistant.Reporting.Tests.Filing;

public abstract class SampleReportsTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    [DbFact]
    public async Task Seeded_sample_reports_are_read_by_status_indicators_and_filing()
    {
        await World.WithSmallDirectoryAsync();
        Period[] periods = [Period.Month(2025, 9), Period.Month(2025, 10)];

        var seeded = await SampleReports.SeedAsync(World.Database, World.Forms, World.Schedule, periods, seed: 7);

        // Read back: the count is what is in the database, most units filed each month, and each report holds answers.
        await using (var db = await World.Database.OpenAsync())
        {
            var units = await db.Units.CountAsync();
            var reports = await db.Reports.Where(r => r.Status == ReportStatus.Submitted).Select(r => r.Id).ToListAsync();
            Assert.Equal(seeded, reports.Count);
            Assert.InRange(seeded, units * periods.Length / 2, units * periods.Length);
            Assert.Equal(seeded, await db.Answers.Select(a => a.ReportId).Distinct().CountAsync());
        }

        var department = Caller.System();
        var status = await World.Status.StatusAsync(department, Period.Month(2025, 10));
        Assert.Equal(seeded, (await World.Status.StatusAsync(department, Period.Month(2025, 9))).Overall.Submitted + status.Overall.Submitted);
        Assert.Equal(status.Overall.Submitted, status.Overall.OnTime + status.Overall.Late);
        var signatures = (await World.Status.IndicatorsAsync(department, Period.Month(2025, 10))).Figures.Single(f => f.Definition.Id == "chu_ky_so");
        Assert.InRange(signatures.Percent ?? -1, 0m, 100m);
        var focal = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var history = await World.Filing.HistoryAsync(focal, "THPT-1");
        await using var read = await World.Database.OpenAsync();
        Assert.Equal(await read.Reports.CountAsync(r => r.Unit!.Code == "THPT-1" && r.Status == ReportStatus.Submitted), history.Count);
        Assert.All(history, h => Assert.StartsWith("BC-2025-", h.ReferenceNumber));
    }
}

public sealed class SampleReportsTests_on_Sqlite(SqliteFixture fixture) : SampleReportsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SampleReportsTests_on_Postgres(PostgresFixture fixture) : SampleReportsTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
