using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Filing;

/// <summary>The filler behind `sample reports --months N`, on both databases.</summary>
public abstract class SampleFilingsTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    [DbFact]
    public async Task It_fills_the_last_months_with_what_it_reports_and_nothing_after_now_then_skips_them()
    {
        var sample = ReportingWorld.SmallDirectory
            .Select(r => r with { Code = r.Kind == "PHONG_SO" ? r.Code : "MAU-" + r.Code, CommuneCode = r.CommuneCode.Length == 0 ? "" : "MAU-" + r.CommuneCode })
            .ToList();
        Assert.True((await World.Importer.ImportRowsAsync(ReportingWorld.Admin, sample, acceptValid: false, markSample: true)).Imported);
        var filler = new SampleFilings(World.Database, World.Forms, World.Schedule);

        var fill = await filler.FillAsync(3);

        Assert.False(fill.Refused);
        Assert.Equal(["2025-09", "2025-10", "2025-11"], fill.Periods.Select(p => p.Period.Key).ToArray());
        await using var db = await World.Database.OpenAsync();
        foreach (var period in fill.Periods)
        {
            var reports = await db.Reports.Where(r => r.PeriodKey == period.Period.Key).ToListAsync();
            Assert.Equal(period.Filed, reports.Count);
            Assert.Equal(sample.Count, period.Units);
            Assert.All(reports, r => Assert.True(r.LastSubmittedAt <= World.Clock.GetUtcNow()));
        }

        Assert.True(fill.Periods.Sum(p => p.Filed) > 0);
        var again = await filler.FillAsync(3);
        Assert.All(again.Periods, p => Assert.True(p.Skipped));
        Assert.Equal(fill.Periods.Sum(p => p.Filed), await db.Reports.CountAsync());
    }

    [DbFact]
    public async Task It_refuses_a_directory_with_real_units()
    {
        await World.WithSmallDirectoryAsync();

        var fill = await new SampleFilings(World.Database, World.Forms, World.Schedule).FillAsync(2);

        Assert.True(fill.Refused);
        Assert.Contains("MN-A1", fill.RealUnits);
        Assert.Empty(fill.Periods);
        await using var db = await World.Database.OpenAsync();
        Assert.Equal(0, await db.Reports.CountAsync());
    }
}

public sealed class SampleFilingsTests_on_Sqlite(SqliteFixture fixture) : SampleFilingsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SampleFilingsTests_on_Postgres(PostgresFixture fixture) : SampleFilingsTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
