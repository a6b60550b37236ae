using System.Diagnostics;
using System.Globalization;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Export;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bench;

/// <summary>
/// `reporting [--postgres "&lt;connection string to an empty database&gt;"] [--months 24] [--runs 20]`: imports the sample
/// directory (~1,800 units), seeds months of submitted reports, then times the status, indicator and export queries
/// the chat uses (targets: import under 5 s, each status/indicator query under 100 ms on SQLite; exports have no target).
/// </summary>
internal static class ReportingBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var months = int.Parse(Option(args, "--months") ?? "24", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "20", CultureInfo.InvariantCulture);
        var postgres = Option(args, "--postgres");
        var folder = Directory.CreateTempSubdirectory("dts-bench-");
        try
        {
            var database = postgres is null
                ? new ReportingDatabase(DatabaseProvider.Sqlite, ReportingDatabase.DefaultSqliteConnectionString(folder.FullName))
                : new ReportingDatabase(DatabaseProvider.Postgres, postgres);
            Console.WriteLine($"reporting bench: {database.Provider}, {months} months, {runs} runs per query");
            await database.MigrateAsync();

            // The clock sits in the month after the last seeded one, as on a real day of use.
            var last = Period.Month(2025, 12);
            var clock = new FixedClock(new DateTimeOffset(2026, 1, 12, 9, 0, 0, VietnamTime.Offset));
            var forms = new FormCatalog();
            var schedule = new ReportingSchedule(clock);
            var importer = new UnitImporter(database, clock);
            var status = new StatusService(database, forms, schedule, new DirectoryService(database, clock));
            var export = new ExportService(database, forms, schedule, clock, status);

            var rows = SampleDirectory.Generate();
            var csv = SampleDirectory.ToCsv(rows);
            var watch = Stopwatch.StartNew();
            var imported = await importer.ImportAsync(Caller.System("bench"), new MemoryStream(csv), ImportFileKind.Csv, acceptValid: false, markSample: true);
            Report("import sample directory (new)", watch.Elapsed, $"{imported.Created} units, {imported.CommunesCreated} communes", 5000);
            watch.Restart();
            var again = await importer.ImportAsync(Caller.System("bench"), new MemoryStream(csv), ImportFileKind.Csv, acceptValid: false, markSample: true);
            Report("re-import sample directory (unchanged)", watch.Elapsed, $"{again.Unchanged} unchanged", 5000);
            var importedOk = await ImportReadBackAsync(database, rows);
            if (postgres is null)
            {
                // The first import above pays for JIT and EF's first queries and saves; a second empty database shows
                // the import's own cost.
                var warm = new ReportingDatabase(DatabaseProvider.Sqlite, ReportingDatabase.DefaultSqliteConnectionString(Path.Combine(folder.FullName, "warm")));
                await warm.MigrateAsync();
                watch.Restart();
                var warmed = await new UnitImporter(warm, clock).ImportAsync(Caller.System("bench"), new MemoryStream(csv), ImportFileKind.Csv, acceptValid: false, markSample: true);
                Report("import sample directory (new, warm process)", watch.Elapsed, $"{warmed.Created} units", 5000);
            }

            var periods = Enumerable.Range(0, months).Select(i => Period.Month(last.Year, last.Number)).ToList();
            for (var i = 1; i < months; i++)
            {
                periods[i] = periods[i - 1].Previous();
            }

            watch.Restart();
            var seeded = await SampleReports.SeedAsync(database, forms, schedule, periods);
            Report("seed submitted reports (setup, not a target)", watch.Elapsed, $"{seeded} reports", null);

            var department = new Caller(null, "bench", "Sở", [new RoleGrant(Role.DepartmentStaff)]);
            var commune = await new DirectoryService(database, clock).FindCommuneAsync("MAU-X001");
            var officer = new Caller(null, "bench", "Xã", [new RoleGrant(Role.CommuneOfficer, Commune: commune)]);
            var period = last;

            await Time("status, whole province", runs, () => status.StatusAsync(department, period));
            await Time("status, one commune (commune officer)", runs, () => status.StatusAsync(officer, period));
            await Time("units not filed, whole province", runs, () => status.MissingAsync(department, period));
            await Time("indicators, whole province", runs, () => status.IndicatorsAsync(department, period));
            await Time("indicators, one commune", runs, () => status.IndicatorsAsync(officer, period));
            await Time("export period to XLSX, whole province", Math.Max(3, runs / 4), () => export.ExportPeriodAsync(department, period, ExportFormat.Xlsx), hasTarget: false);
            await Time("export period to CSV, whole province", Math.Max(3, runs / 4), () => export.ExportPeriodAsync(department, period, ExportFormat.Csv), hasTarget: false);

            var figures = await status.IndicatorsAsync(department, period);
            var overall = (await status.StatusAsync(department, period)).Overall;
            Console.WriteLine($"check: {period.Label}: {overall.Submitted}/{overall.Expected} submitted ({overall.CompletenessPercent}%), " +
                              $"{overall.OnTime} on time; digital signatures {figures.Figures.Single(f => f.Definition.Id == "chu_ky_so").Percent}%");
            // The seeded month is read by the status query: some but not all units filed (the seeding skips about 7%).
            var ok = importedOk && again.Unchanged == imported.Created && overall.Submitted > 0 && overall.Submitted <= overall.Expected;
            Console.WriteLine(ok ? "result: OK" : "result: FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"database kept in {folder.FullName}");
            }
            else
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static async Task Time<T>(string name, int runs, Func<Task<T>> query, bool hasTarget = true)
    {
        await query(); // warm-up: JIT, query compilation, connection pool
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        var median = samples[samples.Count / 2];
        var p95 = samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.95) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-45} median {median,8:F1} ms   p95 {p95,8:F1} ms   max {samples[^1],8:F1} ms   {(!hasTarget ? "" : median < 100 ? "OK (< 100 ms)" : "over 100 ms")}"));
    }

    /// <summary>The import read back from the database: every row of the file is a unit with its code, name and commune.</summary>
    private static async Task<bool> ImportReadBackAsync(ReportingDatabase database, IReadOnlyList<UnitRow> rows)
    {
        await using var db = await database.OpenAsync();
        var stored = await db.Units.Select(u => new { u.Code, u.Name, Commune = u.Commune!.Code }).ToDictionaryAsync(u => u.Code);
        var mismatched = rows.Count(r => !stored.TryGetValue(r.Code, out var u) || u.Name != r.Name || u.Commune != r.CommuneCode);
        var communes = rows.Select(r => r.CommuneCode).Distinct().Count();
        var storedCommunes = await db.Communes.CountAsync();
        var ok = mismatched == 0 && storedCommunes >= communes;
        Console.WriteLine($"check: import read back: {stored.Count} units of {rows.Count} rows, {mismatched} differ from the file, "
                          + $"{storedCommunes} communes of {communes}: {(ok ? "yes" : "NO")}");
        return ok;
    }

    private static void Report(string name, TimeSpan elapsed, string detail, double? targetMs) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-45} {elapsed.TotalMilliseconds,8:F0} ms   {detail}{(targetMs is { } t ? elapsed.TotalMilliseconds < t ? $"   OK (< {t / 1000:F0} s)" : $"   over {t / 1000:F0} s" : "")}"));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
