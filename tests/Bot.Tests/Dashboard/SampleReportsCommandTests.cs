using System.Text.RegularExpressions;
using DtsAssistant.Bot.Cli;
using DtsAssistant.Reporting;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Dashboard;

/// <summary>`sample reports --months N` on a real SQLite file: what it prints is what the database holds afterwards.</summary>
public sealed partial class SampleReportsCommandTests : IDisposable
{
    /// <summary>10:00 on 29 November 2026 in Vietnam: November's report is overdue, so some filings are still to come.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("dts-sample-").FullName;
    private ServiceProvider? _reader;

    private string Database => $"--Database:ConnectionString=Data Source={Path.Combine(_folder, "dts.db")};Pooling=False";

    [Fact]
    public async Task It_fills_the_last_months_of_the_sample_directory_with_exactly_the_counts_it_prints()
    {
        var (exit, output, error) = await RunAsync("reports", "--months", "3", Database);

        Assert.True(exit == 0, error);
        var lines = MonthLine().Matches(output).ToDictionary(m => m.Groups["label"].Value);
        Assert.Equal(["Tháng 10/2026", "Tháng 11/2026", "Tháng 9/2026"], lines.Keys.Order(StringComparer.Ordinal).ToArray());
        await using var db = await OpenAsync();
        var units = await db.Units.CountAsync(u => u.Active);
        Assert.True(units > 1_700, $"the sample directory has {units} units");
        var total = 0;
        foreach (var (key, label) in new[] { ("2026-09", "Tháng 9/2026"), ("2026-10", "Tháng 10/2026"), ("2026-11", "Tháng 11/2026") })
        {
            var line = lines[label].Groups;
            var reports = await db.Reports.Where(r => r.PeriodKey == key).ToListAsync();
            var onTime = reports.Count(r => r.Timeliness == Timeliness.OnTime);
            var late = reports.Count(r => r.Timeliness == Timeliness.Late);
            Assert.Equal(int.Parse(line["filed"].Value), reports.Count);
            Assert.Equal(units, int.Parse(line["units"].Value));
            Assert.Equal((int.Parse(line["onTime"].Value), int.Parse(line["late"].Value)), (onTime, late));
            Assert.Equal(units - reports.Count, int.Parse(line["missing"].Value));
            Assert.All(reports, r => Assert.Equal(ReportStatus.Submitted, r.Status));
            Assert.All(reports, r => Assert.True(r.LastSubmittedAt <= Now, $"{r.PeriodKey} filed in the future"));
            Assert.True(late > 0 && onTime > late && reports.Count < units, $"{key}: {onTime} on time, {late} late of {units}");
            total += reports.Count;
        }

        Assert.Equal(total, await db.Reports.CountAsync());
        Assert.Contains($"Đã điền {total} báo cáo mẫu", output);
        Assert.True(await db.Answers.CountAsync() > total * 5, "the reports carry figures");
        Assert.Equal(total, await db.ReportSubmissions.CountAsync());

        // A second run leaves the filled months alone.
        var again = await RunAsync("reports", "--months", "3", Database);
        Assert.Equal(0, again.Exit);
        Assert.Equal(3, Regex.Matches(again.Output, "đã có báo cáo, bỏ qua").Count);
        Assert.Equal(total, await db.Reports.CountAsync());
    }

    [Fact]
    public async Task It_refuses_a_directory_with_real_units_and_writes_nothing()
    {
        await using (var provider = Services(seedSample: true))
        {
            // The sample directory plus one real school imported as real data.
            await provider.GetRequiredService<UnitImporter>().ImportRowsAsync(Caller.System("test"),
                [new UnitRow(2, "THPT-NB-01", "Trường THPT Ninh Bình", "THPT", "Công lập", "", "")], acceptValid: false);
        }

        var (exit, output, error) = await RunAsync("reports", "--months", "2", Database);

        Assert.Equal(1, exit);
        Assert.Contains("đơn vị thật", error);
        Assert.Contains("THPT-NB-01", error);
        Assert.Equal("", output);
        await using var db = await OpenAsync();
        Assert.Equal(0, await db.Reports.CountAsync());
    }

    [Theory]
    [InlineData("reports")]
    [InlineData("reports", "--months", "0")]
    [InlineData("reports", "--months", "ba")]
    [InlineData("units", "--months", "2")]
    public async Task Bad_arguments_get_the_usage_and_change_nothing(params string[] args)
    {
        var (exit, _, error) = await RunAsync([.. args, Database]);

        Assert.Equal(2, exit);
        Assert.Contains("Cách dùng: sample reports --months N", error);
        Assert.False(File.Exists(Path.Combine(_folder, "dts.db")), "no database was created");
    }

    public void Dispose()
    {
        _reader?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SampleCommand.RunAsync(args, output, error, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        return (exit, output.ToString(), error.ToString());
    }

    private ServiceProvider Services(bool seedSample)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = Database.Split('=', 2)[1],
            ["Reporting:SeedSampleDirectory"] = seedSample ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddReporting(configuration);
        return services.BuildServiceProvider();
    }

    private async Task<ReportingDbContext> OpenAsync()
    {
        _reader ??= Services(seedSample: false);
        return await _reader.GetRequiredService<ReportingDatabase>().OpenAsync();
    }

    [GeneratedRegex(@"(?<label>Tháng \d{1,2}/\d{4}): (?<filed>\d+)/(?<units>\d+) đơn vị đã nộp \((?<onTime>\d+) đúng hạn, (?<late>\d+) muộn\), (?<missing>\d+) chưa nộp\.")]
    private static partial Regex MonthLine();
}
