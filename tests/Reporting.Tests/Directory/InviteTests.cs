using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Directory;

public abstract class InviteTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    [DbFact]
    public async Task Redeeming_an_invite_binds_the_chat_identity_to_the_role_and_unit()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();

        var result = await World.Directory.RedeemInviteAsync("telegram", "42", "Cô Lan", invite.Code);

        Assert.Equal(RedeemOutcome.Bound, result.Outcome);
        Assert.Equal("TH-A1", result.Granted!.Unit!.Code);
        var caller = await World.Directory.WhoAmIAsync("telegram", "42");
        Assert.Equal("Cô Lan", caller.DisplayName);
        var grant = Assert.Single(caller.Roles);
        Assert.Equal(Role.FocalPoint, grant.Role);
        Assert.Equal("TH-A1", grant.Unit!.Code);
        Assert.Equal("X-A", grant.Unit.Commune!.Code);
    }

    [DbFact]
    public async Task An_unbound_identity_is_anonymous_and_holds_no_role()
    {
        var caller = await World.Directory.WhoAmIAsync("zalo", "nobody");

        Assert.Null(caller.PersonId);
        Assert.Empty(caller.Roles);
        Assert.Equal("zalo:nobody", caller.Actor);
    }

    [DbFact]
    public async Task An_invite_code_works_only_once()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
        await World.Directory.RedeemInviteAsync("telegram", "1", "A", invite.Code);

        var second = await World.Directory.RedeemInviteAsync("telegram", "2", "B", invite.Code);

        Assert.Equal(RedeemOutcome.AlreadyUsed, second.Outcome);
        Assert.Empty((await World.Directory.WhoAmIAsync("telegram", "2")).Roles);
    }

    [DbFact]
    public async Task Two_people_racing_for_one_code_bind_only_one_of_them()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => World.Directory.RedeemInviteAsync("web", $"racer-{i}", $"R{i}", invite.Code)));

        Assert.Single(results, r => r.Outcome == RedeemOutcome.Bound);
        Assert.All(results.Where(r => r.Outcome != RedeemOutcome.Bound), r => Assert.Equal(RedeemOutcome.AlreadyUsed, r.Outcome));
    }

    [DbFact]
    public async Task An_expired_invite_is_refused()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "X-A", Role.CommuneOfficer, validFor: TimeSpan.FromDays(2))).Single();

        World.Clock.Advance(TimeSpan.FromDays(2));
        var result = await World.Directory.RedeemInviteAsync("telegram", "7", "Anh Nam", invite.Code);

        Assert.Equal(RedeemOutcome.Expired, result.Outcome);
        Assert.Null(result.Caller);
    }

    [DbFact]
    public async Task A_code_typed_in_lower_case_without_the_dash_is_accepted()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "X-B", Role.CommuneOfficer)).Single();

        var result = await World.Directory.RedeemInviteAsync("zalo", "99", "Chị Hoa", " " + invite.Code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());

        Assert.Equal(RedeemOutcome.Bound, result.Outcome);
        Assert.Equal("X-B", Assert.Single(result.Caller!.OverseenCommunes).Code);
    }

    [DbFact]
    public async Task Codes_are_stored_only_as_hashes()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();

        await using var db = World.Database.CreateDbContext();
        var stored = await db.Invites.SingleAsync();
        var plain = invite.Code.Replace("-", "", StringComparison.Ordinal);
        Assert.DoesNotContain(plain, stored.CodeHash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, stored.CodeHash.Length);
        var listed = Assert.Single(await World.Directory.ListInvitesAsync(ReportingWorld.Admin));
        Assert.Equal("TH-A1", listed.ScopeCode);
    }

    [DbFact]
    public async Task Guessing_codes_is_stopped_after_five_wrong_attempts_in_an_hour()
    {
        await World.WithSmallDirectoryAsync();
        var invite = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint)).Single();
        string[] guesses = ["AAAAA-AAAAA", "", "💥💥💥", "ABCDE-FGHJK", new string('Z', 5000)];

        foreach (var guess in guesses)
        {
            Assert.Equal(RedeemOutcome.InvalidCode, (await World.Directory.RedeemInviteAsync("telegram", "guesser", "X", guess)).Outcome);
        }

        Assert.Equal(RedeemOutcome.TooManyAttempts, (await World.Directory.RedeemInviteAsync("telegram", "guesser", "X", invite.Code)).Outcome);
        World.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(RedeemOutcome.Bound, (await World.Directory.RedeemInviteAsync("telegram", "guesser", "X", invite.Code)).Outcome);
    }

    [DbFact]
    public async Task Unbinding_removes_the_identity_and_its_access()
    {
        await World.WithSmallDirectoryAsync();
        var caller = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var (channel, user) = (caller.Actor.Split(':')[0], caller.Actor.Split(':')[1]);

        Assert.True(await World.Directory.UnbindAsync(caller, channel, user));

        Assert.Empty((await World.Directory.WhoAmIAsync(channel, user)).Roles);
        await using var db = World.Database.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "identity.unbound"));
    }

    [DbFact]
    public async Task Only_admins_create_invites_or_unbind_other_people()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var other = await World.BindAsync(Role.FocalPoint, "MN-A1");
        var (channel, user) = (other.Actor.Split(':')[0], other.Actor.Split(':')[1]);

        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Directory.CreateInvitesAsync(focal, "TH-A1", Role.FocalPoint));
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Directory.UnbindAsync(focal, channel, user));
        Assert.NotEmpty((await World.Directory.WhoAmIAsync(channel, user)).Roles);
    }

    [DbFact]
    public async Task Focal_points_of_units_are_listed_for_reminders()
    {
        await World.WithSmallDirectoryAsync();
        await World.BindAsync(Role.FocalPoint, "TH-A1", channel: "zalo");
        await World.BindAsync(Role.CommuneOfficer, "X-A");

        var contacts = await World.Directory.FocalPointsAsync();

        var contact = Assert.Single(contacts);
        Assert.Equal("zalo", contact.Channel);
        Assert.Equal("TH-A1", contact.Unit.Code);
    }
}

public sealed class InviteTests_on_Sqlite(SqliteFixture fixture) : InviteTests(fixture), IClassFixture<SqliteFixture>;

public sealed class InviteTests_on_Postgres(PostgresFixture fixture) : InviteTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
