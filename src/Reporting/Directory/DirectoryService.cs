using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Directory;

/// <param name="inviteKey">The secret for invite-code hashes; by default the key file next to the database.</param>
internal sealed class DirectoryService(ReportingDatabase database, TimeProvider clock, InviteKey? inviteKey = null) : IDirectoryService
{
    private readonly InviteKey _inviteKey = inviteKey ?? InviteKey.For(database);

    /// <summary>Wrong codes allowed per chat identity per hour before redeeming is refused (codes have 50 bits; this stops scripts).</summary>
    internal const int MaxFailedRedeemsPerHour = 5;

    private static readonly TimeSpan DefaultInviteLifetime = TimeSpan.FromDays(14);

    public async Task<UnitInfo?> FindUnitAsync(string code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var key = code.Trim();
        await using var db = await database.OpenAsync(ct);
        var unit = await db.Units.AsNoTracking().Include(u => u.Commune).FirstOrDefaultAsync(u => u.Code == key, ct);
        return unit?.ToInfo();
    }

    public async Task<CommuneInfo?> FindCommuneAsync(string code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var key = code.Trim();
        await using var db = await database.OpenAsync(ct);
        var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == key, ct);
        return commune?.ToInfo();
    }

    public async Task<IReadOnlyList<UnitInfo>> SearchUnitsAsync(string text, int limit = 10, CancellationToken ct = default)
    {
        var folded = VietnameseText.Fold(text ?? "");
        if (folded.Length == 0)
        {
            return [];
        }

        await using var db = await database.OpenAsync(ct);
        var units = await db.ActiveUnitsAsync(ct);
        return units
            .Where(u => VietnameseText.Fold(u.Code).Contains(folded, StringComparison.Ordinal) || VietnameseText.Fold(u.Name).Contains(folded, StringComparison.Ordinal))
            .OrderBy(u => VietnameseText.Fold(u.Code) == folded ? 0 : 1).ThenBy(u => u.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 100))
            .ToList();
    }

    public async Task<IReadOnlyList<CommuneInfo>> SearchCommunesAsync(string text, int limit = 10, CancellationToken ct = default)
    {
        var folded = VietnameseText.Fold(text ?? "");
        if (folded.Length == 0)
        {
            return [];
        }

        await using var db = await database.OpenAsync(ct);
        var communes = await db.Communes.AsNoTracking().ToListAsync(ct);
        return communes
            .Where(c => VietnameseText.Fold(c.Code) == folded || VietnameseText.Fold(c.Name).Contains(folded, StringComparison.Ordinal))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 200))
            .Select(c => c.ToInfo())
            .ToList();
    }

    public async Task<Caller> WhoAmIAsync(string channel, string platformUserId, CancellationToken ct = default)
    {
        var actor = Actor(channel, platformUserId);
        await using var db = await database.OpenAsync(ct);
        return await LoadCallerAsync(db, channel, platformUserId, ct) ?? Caller.Anonymous(actor);
    }

    public async Task<RedeemResult> RedeemInviteAsync(string channel, string platformUserId, string displayName, string code, CancellationToken ct = default)
    {
        var actor = Actor(channel, platformUserId);
        var now = clock.GetUtcNow();
        await using var db = await database.OpenAsync(ct);

        var since = now.AddHours(-1);
        var failures = await db.AuditEvents.CountAsync(a => a.Actor == actor && a.Action == "invite.redeem.failed" && a.At >= since, ct);
        if (failures >= MaxFailedRedeemsPerHour)
        {
            return new(RedeemOutcome.TooManyAttempts);
        }

        var normalized = InviteCodes.Normalize(code);
        var hash = normalized is null ? null : InviteCodes.Hash(normalized, _inviteKey);
        var invite = hash is null ? null : await db.Invites.AsNoTracking().FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        var failure = invite switch
        {
            null => RedeemOutcome.InvalidCode,
            { RevokedAt: not null } => RedeemOutcome.Revoked,
            { RedeemedAt: not null } => RedeemOutcome.AlreadyUsed,
            _ when invite.ExpiresAt <= now => RedeemOutcome.Expired,
            _ => (RedeemOutcome?)null,
        };
        if (failure is { } f)
        {
            Audit.Record(db, now, null, actor, "invite.redeem.failed", "invite", invite?.Id ?? 0, new { reason = f.ToString() });
            await database.SaveAsync(db, ct);
            return new(f);
        }

        ArgumentNullException.ThrowIfNull(invite); // unreachable: a missing invite is a failure above
        await using (var tx = await database.BeginWriteAsync(db, ct))
        {
            // The conditional update is the one-time check: of two people redeeming at once, only one changes the row.
            var claimed = await db.Invites
                .Where(i => i.Id == invite.Id && i.RedeemedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RedeemedAt, now), ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                return new(RedeemOutcome.AlreadyUsed);
            }

            var identity = await db.ChatIdentities.Include(i => i.Person).FirstOrDefaultAsync(i => i.Channel == channel && i.PlatformUserId == platformUserId, ct);
            var person = identity?.Person;
            if (person is null)
            {
                person = new Person { DisplayName = CleanName(displayName), CreatedAt = now };
                db.People.Add(person);
                identity = new ChatIdentity { Person = person, Channel = channel, PlatformUserId = platformUserId, BoundAt = now };
                db.ChatIdentities.Add(identity);
            }

            var alreadyHeld = person.Id != 0 && await db.RoleAssignments.AnyAsync(r => r.PersonId == person.Id && r.RevokedAt == null
                && r.Role == invite.Role && r.UnitId == invite.UnitId && r.CommuneId == invite.CommuneId, ct);
            if (!alreadyHeld)
            {
                person.Roles.Add(new RoleAssignment { Role = invite.Role, UnitId = invite.UnitId, CommuneId = invite.CommuneId, GrantedAt = now });
            }

            await db.SaveChangesAsync(ct);
            await db.Invites.Where(i => i.Id == invite.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RedeemedByPersonId, person.Id), ct);
            Audit.Record(db, now, person.Id, actor, "invite.redeemed", "invite", invite.Id,
                new { role = invite.Role.ToString(), unitId = invite.UnitId, communeId = invite.CommuneId });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var caller = await LoadCallerAsync(db, channel, platformUserId, ct);
        var grant = caller!.Roles.LastOrDefault(r => r.Role == invite.Role) ?? new RoleGrant(invite.Role);
        return new(RedeemOutcome.Bound, caller, grant);
    }

    public async Task<bool> UnbindAsync(Caller by, string channel, string platformUserId, CancellationToken ct = default)
    {
        if (!by.IsAdmin && by.Actor != Actor(channel, platformUserId))
        {
            throw new ReportingAccessDeniedException(AccessDenial.AdminOnly);
        }

        var now = clock.GetUtcNow();
        await using var db = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(db, ct);
        var identity = await db.ChatIdentities.FirstOrDefaultAsync(i => i.Channel == channel && i.PlatformUserId == platformUserId, ct);
        if (identity is null)
        {
            return false;
        }

        db.ChatIdentities.Remove(identity);
        var otherIdentities = await db.ChatIdentities.CountAsync(i => i.PersonId == identity.PersonId && i.Id != identity.Id, ct);
        if (otherIdentities == 0)
        {
            // A person with no way left to reach the bot keeps no access: a later binding needs a new invite.
            var roles = await db.RoleAssignments.Where(r => r.PersonId == identity.PersonId && r.RevokedAt == null).ToListAsync(ct);
            roles.ForEach(r => r.RevokedAt = now);
        }

        Audit.Record(db, now, by, "identity.unbound", "chat_identity", identity.Id, new { channel, personId = identity.PersonId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<IssuedInvite>> CreateInvitesAsync(Caller by, string scopeCode, Role role, int count = 1,
        TimeSpan? validFor = null, CancellationToken ct = default)
    {
        if (!by.IsAdmin)
        {
            throw new ReportingAccessDeniedException(AccessDenial.AdminOnly);
        }

        if (count is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Số mã mỗi lần từ 1 đến 1000.");
        }

        var now = clock.GetUtcNow();
        var expires = now + (validFor ?? DefaultInviteLifetime);
        await using var db = await database.OpenAsync(ct);
        int? unitId = null, communeId = null;
        string scopeName;
        var code = (scopeCode ?? "").Trim();
        switch (role)
        {
            case Role.FocalPoint or Role.Staff:
                var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, ct)
                    ?? throw new ArgumentException($"Không tìm thấy đơn vị có mã '{code}'.", nameof(scopeCode));
                (unitId, scopeName) = (unit.Id, unit.Name);
                break;
            case Role.CommuneOfficer:
                var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct)
                    ?? throw new ArgumentException($"Không tìm thấy xã/phường có mã '{code}'.", nameof(scopeCode));
                (communeId, scopeName) = (commune.Id, commune.Name);
                break;
            default:
                (code, scopeName) = ("", "toàn tỉnh");
                break;
        }

        var issued = new List<IssuedInvite>(count);
        await using var tx = await database.BeginWriteAsync(db, ct);
        for (var i = 0; i < count; i++)
        {
            var plain = InviteCodes.NewCode();
            var normalized = InviteCodes.Normalize(plain)!;
            db.Invites.Add(new Invite
            {
                CodeHash = InviteCodes.Hash(normalized, _inviteKey),
                Role = role,
                UnitId = unitId,
                CommuneId = communeId,
                CreatedAt = now,
                ExpiresAt = expires,
                CreatedBy = by.Actor,
            });
            issued.Add(new IssuedInvite(plain, role, code, scopeName, expires));
        }

        Audit.Record(db, now, by, "invite.created", role == Role.CommuneOfficer ? "commune" : "unit", code,
            new { role = role.ToString(), count, expires });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return issued;
    }

    public async Task<IReadOnlyList<InviteListing>> ListInvitesAsync(Caller by, bool unusedOnly = true, CancellationToken ct = default)
    {
        if (!by.IsAdmin)
        {
            throw new ReportingAccessDeniedException(AccessDenial.AdminOnly);
        }

        await using var db = await database.OpenAsync(ct);
        var query = db.Invites.AsNoTracking().Include(i => i.Unit).Include(i => i.Commune).AsQueryable();
        if (unusedOnly)
        {
            var now = clock.GetUtcNow();
            query = query.Where(i => i.RedeemedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
        }

        var invites = await query.OrderBy(i => i.Id).ToListAsync(ct);
        return invites.Select(i => new InviteListing(i.Id, i.Role,
                i.Unit?.Code ?? i.Commune?.Code ?? "", i.Unit?.Name ?? i.Commune?.Name ?? "toàn tỉnh",
                i.CreatedAt, i.ExpiresAt, i.RedeemedAt) { RevokedAt = i.RevokedAt })
            .ToList();
    }

    public async Task<IReadOnlyList<FocalPointContact>> FocalPointsAsync(IReadOnlyCollection<int>? unitIds = null, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var roles = db.RoleAssignments.AsNoTracking().Where(r => r.Role == Role.FocalPoint && r.RevokedAt == null && r.UnitId != null);
        if (unitIds is not null)
        {
            roles = roles.Where(r => unitIds.Contains(r.UnitId!.Value));
        }

        var rows = await roles
            .Join(db.ChatIdentities.AsNoTracking(), r => r.PersonId, i => i.PersonId, (r, i) => new { r.UnitId, i.Channel, i.PlatformUserId, i.PersonId })
            .Join(db.People.AsNoTracking(), x => x.PersonId, p => p.Id, (x, p) => new { x.UnitId, x.Channel, x.PlatformUserId, x.PersonId, p.DisplayName })
            .ToListAsync(ct);
        var units = (await db.ActiveUnitsAsync(ct)).ToDictionary(u => u.Id);
        return rows.Where(r => units.ContainsKey(r.UnitId!.Value))
            .Select(r => new FocalPointContact(r.PersonId, r.DisplayName, r.Channel, r.PlatformUserId, units[r.UnitId!.Value]))
            .ToList();
    }

    public async Task<bool> IsSampleDirectoryAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        return await db.Units.AnyAsync(ct) && !await db.Units.AnyAsync(u => !u.IsSample, ct);
    }

    internal static string Actor(string channel, string platformUserId) => $"{channel}:{platformUserId}";

    internal static string RoleLabel(Role role) => role switch
    {
        Role.FocalPoint => "đầu mối CĐS của đơn vị",
        Role.CommuneOfficer => "cán bộ UBND xã/phường",
        Role.DepartmentStaff => "cán bộ Sở GDĐT",
        Role.Admin => "quản trị hệ thống",
        _ => "cán bộ, giáo viên",
    };

    private static string CleanName(string displayName)
    {
        var name = string.Concat((displayName ?? "").Where(c => !char.IsControl(c))).Trim();
        return name.Length == 0 ? Caller.Unnamed : name.Length > 200 ? name[..200] : name;
    }

    private static async Task<Caller?> LoadCallerAsync(ReportingDbContext db, string channel, string platformUserId, CancellationToken ct)
    {
        var (identity, roles) = db switch
        {
            SqliteReportingDbContext sqlite => await CallerQueries<SqliteReportingDbContext>.RunAsync(sqlite, channel, platformUserId, ct),
            PostgresReportingDbContext postgres => await CallerQueries<PostgresReportingDbContext>.RunAsync(postgres, channel, platformUserId, ct),
            _ => throw new NotSupportedException(db.GetType().Name),
        };
        if (identity?.Person is null)
        {
            return null;
        }

        var grants = roles.Select(r => new RoleGrant(r.Role, r.Unit?.ToInfo(), r.Commune?.ToInfo())).ToList();
        return new Caller(identity.PersonId, Actor(channel, platformUserId), identity.Person.DisplayName, grants);
    }
}

/// <summary>
/// The two lookups behind every message of a chat the caller cache does not know yet, compiled once per provider's
/// context (a compiled query serves one model): the LINQ pipeline cost more than the lookups themselves.
/// </summary>
internal static class CallerQueries<TContext>
    where TContext : ReportingDbContext
{
    private static readonly Func<TContext, string, string, CancellationToken, Task<ChatIdentity?>> Identity =
        EF.CompileAsyncQuery((TContext db, string channel, string platformUserId, CancellationToken ct) =>
            db.ChatIdentities.AsNoTracking().Include(i => i.Person).FirstOrDefault(i => i.Channel == channel && i.PlatformUserId == platformUserId));

    private static readonly Func<TContext, long, IAsyncEnumerable<RoleAssignment>> Roles =
        EF.CompileAsyncQuery<TContext, long, RoleAssignment>((db, personId) =>
            db.RoleAssignments.AsNoTracking()
                .Include(r => r.Unit).ThenInclude(u => u!.Commune)
                .Include(r => r.Commune)
                .Where(r => r.PersonId == personId && r.RevokedAt == null)
                .OrderBy(r => r.Id));

    public static async Task<(ChatIdentity? Identity, List<RoleAssignment> Roles)> RunAsync(TContext db, string channel, string platformUserId, CancellationToken ct)
    {
        var identity = await Identity(db, channel, platformUserId, ct);
        return identity?.Person is null ? (identity, []) : (identity, await Roles(db, identity.PersonId).ToListAsync(ct));
    }
}
