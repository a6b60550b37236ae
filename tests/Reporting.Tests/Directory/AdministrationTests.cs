using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Tests.Infrastructure;

namespace DtsAssistant.Reporting.Tests.Directory;

/// <summary>people list, roles revoke, invites revoke: admin only, each change audited, a revoked code registers nobody.</summary>
public abstract class AdministrationTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    private DirectoryAdministration Admin => new(World.Database, World.Clock);

    [DbFact]
    public async Task People_are_listed_with_accounts_and_numbered_roles_and_one_role_can_be_revoked()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");
        var second = (await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "MN-B1", Role.FocalPoint)).Single();
        var (channel, user) = (focal.Actor.Split(':')[0], focal.Actor.Split(':')[1]);
        var both = await World.Directory.RedeemInviteAsync(channel, user, "X", second.Code);
        Assert.Equal(["MN-B1", "TH-A1"], both.Caller!.Roles.Select(r => r.Unit!.Code).Order());

        var person = Assert.Single(await Admin.ListPeopleAsync(ReportingWorld.Admin));
        Assert.Equal(focal.Actor, $"{person.Identities.Single().Channel}:{person.Identities[0].PlatformUserId}");
        Assert.Equal(["TH-A1", "MN-B1"], person.Roles.Select(r => r.ScopeCode));
        var old = person.Roles.First(r => r.ScopeCode == "TH-A1");

        Assert.Equal(RevokeOutcome.Revoked, await Admin.RevokeRoleAsync(ReportingWorld.Admin, old.Id));
        Assert.Equal(RevokeOutcome.AlreadyRevoked, await Admin.RevokeRoleAsync(ReportingWorld.Admin, old.Id));
        Assert.Equal(RevokeOutcome.NotFound, await Admin.RevokeRoleAsync(ReportingWorld.Admin, 999_999));

        var after = await World.Directory.WhoAmIAsync(channel, user);
        Assert.Equal("MN-B1", Assert.Single(after.Roles).Unit!.Code);
        Assert.NotNull(Assert.Single(await Admin.ListPeopleAsync(ReportingWorld.Admin)).Roles.Single(r => r.Id == old.Id).RevokedAt);
    }

    [DbFact]
    public async Task A_revoked_invite_registers_nobody_and_a_used_one_cannot_be_revoked()
    {
        await World.WithSmallDirectoryAsync();
        var invites = await World.Directory.CreateInvitesAsync(ReportingWorld.Admin, "TH-A1", Role.FocalPoint, count: 2);
        var listed = await World.Directory.ListInvitesAsync(ReportingWorld.Admin);
        await World.Directory.RedeemInviteAsync("zalo", "used", "Y", invites[1].Code);

        Assert.Equal(RevokeOutcome.Revoked, await Admin.RevokeInviteAsync(ReportingWorld.Admin, listed[0].Id));
        Assert.Equal(RevokeOutcome.AlreadyUsed, await Admin.RevokeInviteAsync(ReportingWorld.Admin, listed[1].Id));
        Assert.Equal(RevokeOutcome.AlreadyRevoked, await Admin.RevokeInviteAsync(ReportingWorld.Admin, listed[0].Id));

        var redeem = await World.Directory.RedeemInviteAsync("telegram", "late", "Z", invites[0].Code);
        Assert.NotEqual(RedeemOutcome.Bound, redeem.Outcome);
        Assert.Empty((await World.Directory.WhoAmIAsync("telegram", "late")).Roles);
        Assert.Empty(await World.Directory.ListInvitesAsync(ReportingWorld.Admin));
        Assert.NotNull((await World.Directory.ListInvitesAsync(ReportingWorld.Admin, unusedOnly: false)).Single(i => i.Id == listed[0].Id).RevokedAt);
    }

    [DbFact]
    public async Task Only_admins_administer()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-A1");

        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => Admin.ListPeopleAsync(focal));
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => Admin.RevokeRoleAsync(focal, 1));
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => Admin.RevokeInviteAsync(focal, 1));
    }
}

public sealed class AdministrationTests_on_Sqlite(SqliteFixture fixture) : AdministrationTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AdministrationTests_on_Postgres(PostgresFixture fixture) : AdministrationTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
