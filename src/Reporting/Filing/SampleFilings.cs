using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing;

/// <summary>What <see cref="SampleFilings.FillAsync"/> did for one period.</summary>
/// <param name="Units">Active units expected to file.</param>
/// <param name="Filed">Reports written as submitted (0 when <paramref name="Skipped"/>).</param>
/// <param name="Skipped">The period already held reports and was left alone.</param>
public sealed record SamplePeriodFill(Period Period, int Units, int Filed, bool Skipped);

/// <param name="RealUnits">Codes of real (non-sample) units found; when any, nothing was written.</param>
public sealed record SampleFill(IReadOnlyList<SamplePeriodFill> Periods, IReadOnlyList<string> RealUnits)
{
    public bool Refused => RealUnits.Count > 0;
}

/// <summary>
/// Fills the last N monthly periods of the synthetic directory with sample filings (<see cref="SampleReports"/>): some
/// on time, some late, some missing, none later than now. Refuses to touch a directory that holds real units, and
/// leaves periods that already hold reports alone, so it can be run twice.
/// </summary>
public sealed class SampleFilings(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule)
{
    public const int MaxMonths = 36;

    /// <summary>The current month (Vietnam time) and the <paramref name="months"/> - 1 before it, oldest first.</summary>
    public IReadOnlyList<Period> LastMonths(int months)
    {
        var periods = new List<Period>();
        for (var (period, i) = (schedule.CurrentPeriod(PeriodKind.Monthly), 0); i < months; period = period.Previous(), i++)
        {
            periods.Insert(0, period);
        }

        return periods;
    }

    public async Task<SampleFill> FillAsync(int months, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);
        var offices = SampleDirectory.DepartmentOffices.Select(o => o.Code).ToList();
        int units;
        List<string> existing;
        var keys = LastMonths(months).Select(p => p.Key).ToList();
        await using (var db = await database.OpenAsync(ct))
        {
            // The sample's eight offices carry real names with codes of ours ("SO-..."); anything else must be "MAU-".
            var real = await db.Units
                .Where(u => !u.IsSample || !(u.Code.StartsWith("MAU-") || offices.Contains(u.Code)))
                .OrderBy(u => u.Code).Select(u => u.Code).Take(5).ToListAsync(ct);
            if (real.Count > 0)
            {
                return new SampleFill([], real);
            }

            units = await db.Units.CountAsync(u => u.Active, ct);
            existing = await db.Reports.Where(r => r.PeriodKind == PeriodKind.Monthly && keys.Contains(r.PeriodKey))
                .Select(r => r.PeriodKey).Distinct().ToListAsync(ct);
        }

        var now = schedule.Now;
        var result = new List<SamplePeriodFill>();
        foreach (var period in LastMonths(months))
        {
            if (existing.Contains(period.Key))
            {
                result.Add(new SamplePeriodFill(period, units, 0, Skipped: true));
                continue;
            }

            var filed = await SampleReports.SeedAsync(database, forms, schedule, [period], ct: ct, notAfter: now);
            result.Add(new SamplePeriodFill(period, units, filed, Skipped: false));
        }

        return new SampleFill(result, []);
    }
}
