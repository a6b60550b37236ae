using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Reminders;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Tests.Infrastructure;

namespace DtsAssistant.Reporting.Tests.Reminders;

/// <summary>Who gets which notice, claimed once in the database, over a year on a fake clock.</summary>
public abstract class ReminderPlannerTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    private static readonly Period November = Period.Month(2025, 11);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, VietnamTime.Offset);

    /// <summary>Focal points for TH-A1, MN-A1 (phone on file) and THPT-1; an officer of X-A; TH-A1 files November on time.</summary>
    private async Task<(Caller Th, Caller Mn, Caller Thpt, Caller Officer)> SetUpAsync()
    {
        var rows = ReportingWorld.SmallDirectory.Select(r => r.Code == "MN-A1" ? r with { Phone = "0229 3871 234" } : r).ToList();
        Assert.True((await World.Importer.ImportRowsAsync(ReportingWorld.Admin, rows, acceptValid: false)).Imported);
        var th = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var mn = await World.BindAsync(Role.FocalPoint, "MN-A1");
        var thpt = await World.BindAsync(Role.FocalPoint, "THPT-1");
        var officer = await World.BindAsync(Role.CommuneOfficer, "X-A");
        await World.FileAsync(th, "TH-A1", November);
        return (th, mn, thpt, officer);
    }

    [DbFact]
    public async Task Focal_points_whose_unit_has_not_filed_get_the_upcoming_reminder_once()
    {
        var (th, mn, thpt, _) = await SetUpAsync();
        var at = Local(2025, 11, 15, 8, 5);

        var planned = (await World.Planner.PlanAsync(at)).Where(n => n.Slot.Period == November).ToList();

        Assert.All(planned, n => Assert.Equal(NoticeKind.Upcoming, n.Slot.Kind));
        Assert.Equal(new[] { mn.PersonId!.Value, thpt.PersonId!.Value }.Order(), planned.Select(n => n.PersonId).Order());
        Assert.DoesNotContain(planned, n => n.PersonId == th.PersonId);
        Assert.Equal("MN-A1", planned.Single(n => n.PersonId == mn.PersonId).Unit!.Code);
        Assert.Equal("telegram", planned[0].Addresses[0].Channel);

        var claimed = await World.Reminders.ClaimAsync(planned.Select(n => n.Key).ToList(), at);
        Assert.Equal(2, claimed.Count);
        Assert.Empty(await World.Reminders.ClaimAsync(planned.Select(n => n.Key).ToList(), at));
        Assert.DoesNotContain(await World.Planner.PlanAsync(at.AddMinutes(30)), n => n.Slot.Period == November);
    }

    [DbFact]
    public async Task A_muted_person_gets_nothing_until_unmuted()
    {
        var (_, mn, _, _) = await SetUpAsync();
        Assert.True(await World.Reminders.SetMutedAsync(mn.PersonId!.Value, true, Local(2025, 11, 1)));
        Assert.False(await World.Reminders.SetMutedAsync(mn.PersonId!.Value, true, Local(2025, 11, 1)));
        Assert.True(await World.Reminders.IsMutedAsync(mn.PersonId!.Value));

        Assert.DoesNotContain(await World.Planner.PlanAsync(Local(2025, 11, 15, 9)), n => n.PersonId == mn.PersonId);

        Assert.True(await World.Reminders.SetMutedAsync(mn.PersonId!.Value, false, Local(2025, 11, 15, 10)));
        Assert.Contains(await World.Planner.PlanAsync(Local(2025, 11, 15, 10)), n => n.PersonId == mn.PersonId);
    }

    [DbFact]
    public async Task Commune_officers_digest_has_counts_and_the_units_not_filed_with_focal_point_and_phone()
    {
        var (_, mn, _, officer) = await SetUpAsync();

        var digest = (await World.Planner.PlanAsync(Local(2025, 11, 18, 8))).Single(n => n.PersonId == officer.PersonId && n.Slot.Period == November);

        Assert.Equal(NoticeKind.DigestBefore, digest.Slot.Kind);
        var content = digest.Digest!;
        Assert.Equal("X-A", content.Commune.Code);
        Assert.Equal((4, 1, 1, 0), (content.Expected, content.Submitted, content.OnTime, content.Late));
        Assert.Equal(["MN-A1", "MN-A2", "THCS-A1"], content.Missing.Select(m => m.Unit.Code).Order());
        var preschool = content.Missing.Single(m => m.Unit.Code == "MN-A1");
        Assert.Equal(mn.DisplayName, preschool.FocalPointName);
        Assert.Equal("0229 3871 234", preschool.Phone);
        Assert.Null(content.Missing.Single(m => m.Unit.Code == "MN-A2").FocalPointName);
        // Focal points get no digest, officers no reminder.
        Assert.DoesNotContain(await World.Planner.PlanAsync(Local(2025, 11, 15, 9)), n => n.PersonId == officer.PersonId);
    }

    [DbFact]
    public async Task Over_a_year_checked_every_hour_each_unfiled_focal_point_gets_each_reminder_exactly_once_and_never_at_night()
    {
        StartAt(Local(2025, 11, 25, 9));
        var (_, mn, _, officer) = await SetUpAsync();
        var received = new List<(PlannedNotice Notice, DateTimeOffset At)>();
        // A second planner and store on their own database object stand for a restarted process.
        var restarted = new ReportingDatabase(Fixture.Database.Provider, Fixture.Database.ConnectionString);
        IReminderPlanner planner = World.Planner;
        IReminderStore store = World.Reminders;
        for (var at = Local(2026, 1, 1, 0, 30); at < Local(2027, 1, 1); at = at.AddHours(1))
        {
            if (at == Local(2026, 7, 1, 0, 30))
            {
                planner = new ReminderPlanner(restarted, World.Schedule, new DirectoryService(restarted, World.Clock));
                store = new ReminderStore(restarted);
            }

            var planned = await planner.PlanAsync(at);
            var claimed = await store.ClaimAsync(planned.Select(n => n.Key).ToList(), at);
            received.AddRange(planned.Where(n => claimed.Contains(n.Key)).Select(n => (n, at)));
        }

        restarted.Dispose();
        Assert.All(received, r => Assert.False(World.Planner.Timing.IsQuiet(r.At)));
        Assert.Equal(received.Count, received.Select(r => r.Notice.Key).Distinct().Count());
        var mine = received.Where(r => r.Notice.PersonId == mn.PersonId).ToList();
        // Every month, quarter and the year of 2026: three reminders each (December's overdue one on 20/12).
        Assert.Equal((12 + 4 + 1) * 3, mine.Count);
        Assert.All(mine, r => Assert.Equal(8, VietnamTime.ToLocal(r.At).Hour));
        Assert.Contains(mine, r => r.Notice.Slot.Period == Period.Annual(2026) && r.Notice.Slot.Kind == NoticeKind.LastDay && r.At == Local(2026, 12, 9, 8, 30));
        Assert.Equal(2 * (12 + 4 + 1), received.Count(r => r.Notice.PersonId == officer.PersonId));
    }

    [DbFact]
    public async Task Two_processes_claiming_the_same_notices_at_once_send_each_exactly_once()
    {
        await SetUpAsync();
        var at = Local(2025, 11, 15, 8);
        var planned = await World.Planner.PlanAsync(at);
        Assert.NotEmpty(planned);
        using var other = new ReportingDatabase(Fixture.Database.Provider, Fixture.Database.ConnectionString);
        var stores = new IReminderStore[] { World.Reminders, new ReminderStore(other) };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => stores[i % 2].ClaimAsync(planned.Select(n => n.Key).ToList(), at))));

        Assert.Equal(planned.Count, results.Sum(r => r.Count));
        Assert.Equal(planned.Select(n => n.Key).Order(), results.SelectMany(r => r).Order());
    }
}

public sealed class ReminderPlannerTests_on_Sqlite(SqliteFixture fixture) : ReminderPlannerTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ReminderPlannerTests_on_Postgres(PostgresFixture fixture) : ReminderPlannerTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
