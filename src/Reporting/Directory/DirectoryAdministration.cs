using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Privacy;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Directory;

/// <summary>A registered person as the admin sees them: chat accounts and roles (active and revoked).</summary>
public sealed record PersonListing(long PersonId, string DisplayName, DateTimeOffset CreatedAt, IReadOnlyList<IdentityView> Identities,
    IReadOnlyList<RoleListing> Roles);

/// <summary>One role assignment, numbered so that it can be revoked.</summary>
public sealed record RoleListing(long Id, Role Role, string ScopeCode, string ScopeName, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt);

public enum RevokeOutcome
{
    Revoked,
    NotFound,
    AlreadyRevoked,
    AlreadyUsed,
}

/// <summary>The administration commands of the CLI: who is registered, and withdrawing roles and invites. Admin only.</summary>
public interface IDirectoryAdministration
{
    Task<IReadOnlyList<PersonListing>> ListPeopleAsync(Caller by, CancellationToken ct = default);

    /// <summary>Revokes one role assignment (by its number from <see cref="ListPeopleAsync"/>).</summary>
    Task<RevokeOutcome> RevokeRoleAsync(Caller by, long roleId, CancellationToken ct = default);

    /// <summary>Revokes an unused invite (by its number from the invite listing), so its code no longer registers anyone.</summary>
    Task<RevokeOutcome> RevokeInviteAsync(Caller by, long inviteId, CancellationToken ct = default);
}

internal sealed class DirectoryAdministration(ReportingDatabase database, TimeProvider clock) : IDirectoryAdministration
{
    public async Task<IReadOnlyList<PersonListing>> ListPeopleAsync(Caller by, CancellationToken ct = default)
    {
        RequireAdmin(by);
        await using var db = await database.OpenAsync(ct);
        var people = await db.People.AsNoTracking().Include(p => p.Identities).Include(p => p.Roles).ThenInclude(r => r.Unit)
            .Include(p => p.Roles).ThenInclude(r => r.Commune).OrderBy(p => p.Id).AsSplitQuery().ToListAsync(ct);
        return people.Select(p => new PersonListing(p.Id, p.DisplayName, p.CreatedAt,
                p.Identities.OrderBy(i => i.BoundAt).Select(i => new IdentityView(i.Channel, i.PlatformUserId, i.BoundAt)).ToList(),
                p.Roles.OrderBy(r => r.Id).Select(r => new RoleListing(r.Id, r.Role, r.Unit?.Code ?? r.Commune?.Code ?? "",
                    r.Unit?.Name ?? r.Commune?.Name ?? "toàn tỉnh", r.GrantedAt, r.RevokedAt)).ToList()))
            .ToList();
    }

    public async Task<RevokeOutcome> RevokeRoleAsync(Caller by, long roleId, CancellationToken ct = default)
    {
        RequireAdmin(by);
        var now = clock.GetUtcNow();
        await using var db = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(db, ct);
        var role = await db.RoleAssignments.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roleId, ct);
        if (role is null || role.RevokedAt is not null)
        {
            return role is null ? RevokeOutcome.NotFound : RevokeOutcome.AlreadyRevoked;
        }
        await db.RoleAssignments.Where(r => r.Id == roleId && r.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), ct);
        Audit.Record(db, now, by, "role.revoked", "role_assignment", roleId,
            new { personId = role.PersonId, role = role.Role.ToString(), unitId = role.UnitId, communeId = role.CommuneId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RevokeOutcome.Revoked;
    }

    public async Task<RevokeOutcome> RevokeInviteAsync(Caller by, long inviteId, CancellationToken ct = default)
    {
        RequireAdmin(by);
        var now = clock.GetUtcNow();
        await using var db = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(db, ct);
        // Conditional, like redeeming: of a revoke and a redeem racing, exactly one changes the row.
        var changed = await db.Invites.Where(i => i.Id == inviteId && i.RedeemedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
        if (changed == 0)
        {
            var invite = await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inviteId, ct);
            return invite is null ? RevokeOutcome.NotFound : invite.RedeemedAt is not null ? RevokeOutcome.AlreadyUsed : RevokeOutcome.AlreadyRevoked;
        }
        Audit.Record(db, now, by, "invite.revoked", "invite", inviteId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RevokeOutcome.Revoked;
    }

    private static void RequireAdmin(Caller by)
    {
        if (!by.IsAdmin)
        {
            throw new ReportingAccessDeniedException(AccessDenial.AdminOnly, "directory administration");
        }
    }
}
