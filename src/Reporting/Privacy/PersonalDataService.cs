using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Privacy;

/// <summary>A chat account as the person sees it in their data.</summary>
public sealed record IdentityView(string Channel, string PlatformUserId, DateTimeOffset BoundAt);

/// <summary>A role held (or once held) by the person.</summary>
public sealed record RoleView(Role Role, string ScopeCode, string ScopeName, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Everything the reporting database holds about one person (Luật 91/2025/QH15, NĐ 13/2023/NĐ-CP: the right to know):
/// the name, chat accounts, roles, and how many answers, submissions and logged actions carry their identity.
/// <see cref="PersonId"/> is null for an account that never registered (only logged actions, e.g. wrong codes).
/// </summary>
public sealed record PersonalDataView(long? PersonId, string? DisplayName, DateTimeOffset? CreatedAt, IReadOnlyList<IdentityView> Identities,
    IReadOnlyList<RoleView> Roles, int AnswersWritten, int Submissions, int LoggedActions);

/// <summary>What an erasure changed.</summary>
public sealed record ErasureResult(bool Erased, int IdentitiesRemoved, int RowsRewritten);

public interface IPersonalDataService
{
    /// <summary>What is held about the person behind this chat account.</summary>
    Task<PersonalDataView> ViewAsync(string channel, string platformUserId, CancellationToken ct = default);

    /// <summary>
    /// Erases the person's identifiers and name: chat accounts deleted, roles revoked, the name and every "channel:id"
    /// in answers, submissions and the audit log replaced by <see cref="PersonalDataService.Erased"/>. Reports stay with
    /// their unit. On SQLite the freed bytes are overwritten (secure_delete) and the write-ahead log is truncated, so
    /// the erased strings are no longer in the database files.
    /// </summary>
    Task<ErasureResult> EraseAsync(string channel, string platformUserId, CancellationToken ct = default);
}

internal sealed class PersonalDataService(ReportingDatabase database, TimeProvider clock) : IPersonalDataService
{
    /// <summary>What stands in for an erased name or identifier.</summary>
    public const string Erased = "đã xóa";

    public async Task<PersonalDataView> ViewAsync(string channel, string platformUserId, CancellationToken ct = default)
    {
        await using var db = await database.OpenAsync(ct);
        var identity = await db.ChatIdentities.AsNoTracking().Include(i => i.Person)
            .FirstOrDefaultAsync(i => i.Channel == channel && i.PlatformUserId == platformUserId, ct);
        var person = identity?.Person;
        var identities = person is null ? [] : await db.ChatIdentities.AsNoTracking().Where(i => i.PersonId == person.Id)
            .OrderBy(i => i.BoundAt).Select(i => new IdentityView(i.Channel, i.PlatformUserId, i.BoundAt)).ToListAsync(ct);
        var actors = Actors(channel, platformUserId, identities);
        var roles = person is null ? [] : (await db.RoleAssignments.AsNoTracking().Include(r => r.Unit).Include(r => r.Commune)
                .Where(r => r.PersonId == person.Id).ToListAsync(ct))
            .OrderBy(r => r.GrantedAt)
            .Select(r => new RoleView(r.Role, r.Unit?.Code ?? r.Commune?.Code ?? "", r.Unit?.Name ?? r.Commune?.Name ?? "toàn tỉnh", r.GrantedAt, r.RevokedAt))
            .ToList();
        return new PersonalDataView(person?.Id, person?.DisplayName, person?.CreatedAt, identities, roles,
            await db.Answers.CountAsync(a => actors.Contains(a.UpdatedBy), ct),
            await db.ReportSubmissions.CountAsync(s => actors.Contains(s.SubmittedBy), ct),
            await db.AuditEvents.CountAsync(e => actors.Contains(e.Actor) || (person != null && e.ActorPersonId == person.Id), ct));
    }

    public async Task<ErasureResult> EraseAsync(string channel, string platformUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await database.OpenAsync(ct);
        int identitiesRemoved, rewritten;
        await using (var tx = await database.BeginWriteAsync(db, ct))
        {
            var identity = await db.ChatIdentities.AsNoTracking()
                .FirstOrDefaultAsync(i => i.Channel == channel && i.PlatformUserId == platformUserId, ct);
            var personId = identity?.PersonId;
            var identities = personId is null ? [] : await db.ChatIdentities.AsNoTracking().Where(i => i.PersonId == personId)
                .Select(i => new IdentityView(i.Channel, i.PlatformUserId, i.BoundAt)).ToListAsync(ct);
            var actors = Actors(channel, platformUserId, identities);

            rewritten = await db.Answers.Where(a => actors.Contains(a.UpdatedBy)).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedBy, Erased), ct);
            rewritten += await db.ReportSubmissions.Where(s => actors.Contains(s.SubmittedBy))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubmittedBy, Erased), ct);
            rewritten += await db.AuditEvents.Where(e => actors.Contains(e.Actor)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, Erased), ct);
            foreach (var actor in actors)
            {
                rewritten += await db.AuditEvents.Where(e => e.Details != null && e.Details.Contains(actor))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Details, e => e.Details!.Replace(actor, Erased)), ct);
            }
            identitiesRemoved = personId is null ? 0 : await db.ChatIdentities.Where(i => i.PersonId == personId).ExecuteDeleteAsync(ct);
            if (personId is { } id)
            {
                await db.RoleAssignments.Where(r => r.PersonId == id && r.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), ct);
                await db.People.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayName, Erased), ct);
                Audit.Record(db, now, id, Erased, "person.erased", "person", id, new { identities = identitiesRemoved, rows = rewritten });
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Old page images of the erased rows may still sit in the write-ahead log: once committed (inside a shared
            // transaction, at its commit), copy the log back and cut it to zero.
            if (SharedTransaction.Current is { } shared)
            {
                shared.OnCommitted(database.TruncateWal);
            }
            else
            {
                database.TruncateWal();
            }
        }
        return new ErasureResult(identitiesRemoved > 0 || rewritten > 0, identitiesRemoved, rewritten);
    }

    private static List<string> Actors(string channel, string platformUserId, IEnumerable<IdentityView> identities) =>
        identities.Select(i => DirectoryService.Actor(i.Channel, i.PlatformUserId))
            .Append(DirectoryService.Actor(channel, platformUserId)).Distinct().ToList();
}
