using System.Text;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Privacy;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Privacy;

/// <summary>The right to know (what is held) and to erasure (identifiers and name gone; reports stay with the unit).</summary>
public abstract class PersonalDataTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    protected const string Name = "Nguyễn Thị Riêngtư";
    protected const string UserId = "zq8841207731";

    private protected async Task<(PersonalDataService Service, Receipt Receipt)> FiledBySomeoneAsync()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
        await World.Directory.RedeemInviteAsync("telegram", UserId, Name, "AAAAA-AAAAA");
        var bound = await World.Directory.RedeemInviteAsync("telegram", UserId, Name, invite.Code);
        var receipt = await World.FileAsync(bound.Caller!, "TH-A1", Period.Month(2025, 11));
        return (new PersonalDataService(World.Database, World.Clock), receipt);
    }

    [DbFact]
    public async Task A_person_sees_their_name_accounts_roles_and_what_carries_their_identity()
    {
        var (service, _) = await FiledBySomeoneAsync();

        var view = await service.ViewAsync("telegram", UserId);

        Assert.Equal(Name, view.DisplayName);
        Assert.Equal(("telegram", UserId), (Assert.Single(view.Identities).Channel, view.Identities[0].PlatformUserId));
        Assert.Equal(("TH-A1", Role.FocalPoint), (Assert.Single(view.Roles).ScopeCode, view.Roles[0].Role));
        Assert.True(view.AnswersWritten >= 15, $"{view.AnswersWritten} answers");
        Assert.Equal(1, view.Submissions);
        Assert.True(view.LoggedActions >= 3, $"{view.LoggedActions} actions");
        var stranger = await service.ViewAsync("zalo", "nobody");
        Assert.Null(stranger.PersonId);
        Assert.Empty(stranger.Roles);
    }

    [DbFact]
    public async Task Erasing_removes_identifiers_and_name_and_keeps_the_report_with_its_unit()
    {
        var (service, receipt) = await FiledBySomeoneAsync();

        var result = await service.EraseAsync("telegram", UserId);

        Assert.True(result.Erased);
        Assert.Equal(1, result.IdentitiesRemoved);
        Assert.Empty((await World.Directory.WhoAmIAsync("telegram", UserId)).Roles);
        await using var db = World.Database.CreateDbContext();
        Assert.Equal(PersonalDataService.Erased, (await db.People.SingleAsync()).DisplayName);
        Assert.Empty(await db.ChatIdentities.ToListAsync());
        var report = await db.Reports.Include(r => r.Unit).SingleAsync();
        Assert.Equal(("TH-A1", 1), (report.Unit!.Code, report.SubmittedVersion));
        Assert.All(await db.Answers.ToListAsync(), a => Assert.Equal(PersonalDataService.Erased, a.UpdatedBy));
        Assert.Equal(PersonalDataService.Erased, (await db.ReportSubmissions.SingleAsync(s => s.ReferenceNumber == receipt.ReferenceNumber)).SubmittedBy);
        var audit = string.Join("\n", (await db.AuditEvents.ToListAsync()).Select(e => $"{e.Actor}|{e.EntityId}|{e.Details}"));
        Assert.DoesNotContain(UserId, audit);
        Assert.DoesNotContain(Name, audit);
        Assert.False((await service.EraseAsync("telegram", UserId)).Erased);
    }
}

public sealed class PersonalDataTests_on_Sqlite(SqliteFixture fixture) : PersonalDataTests(fixture), IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task After_erasure_the_erased_strings_are_not_in_the_database_file_bytes()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("dts-erase-");
        try
        {
            var file = Path.Combine(folder.FullName, "dts.db");
            using var database = new ReportingDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=True") { CheckpointInterval = TimeSpan.Zero };
            var world = new ReportingWorld(database);
            await world.WithSmallDirectoryAsync();
            var invite = (await world.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
            var bound = await world.Directory.RedeemInviteAsync("telegram", UserId, Name, invite.Code);
            await world.FileAsync(bound.Caller!, "TH-A1", Period.Month(2025, 11));
            await using (var db = database.CreateDbContext())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            Assert.True(Contains(file, UserId), "the test must see the identifier in the file before erasure");
            Assert.True(Contains(file, Name));

            await new PersonalDataService(database, world.Clock).EraseAsync("telegram", UserId);

            SqliteConnection.ClearAllPools();
            foreach (var path in System.IO.Directory.GetFiles(folder.FullName, "dts.db*"))
            {
                Assert.False(Contains(path, UserId), $"{Path.GetFileName(path)} still holds the identifier");
                Assert.False(Contains(path, Name), $"{Path.GetFileName(path)} still holds the name");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static bool Contains(string path, string text)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}

public sealed class PersonalDataTests_on_Postgres(PostgresFixture fixture) : PersonalDataTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
