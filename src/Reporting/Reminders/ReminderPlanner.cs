using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Reminders;

/// <summary>Where a person can be reached: a bound chat identity, most recently bound first.</summary>
public sealed record ChatAddress(string Channel, string UserId);

/// <summary>A unit not yet filed, in a digest, with whom to call.</summary>
public sealed record DigestUnit(UnitInfo Unit, bool HasDraft, string? FocalPointName, string? Phone);

/// <summary>A commune officer's digest: the commune's counts and the units not yet filed.</summary>
public sealed record DigestContent(CommuneInfo Commune, int Expected, int Submitted, int OnTime, int Late, IReadOnlyList<DigestUnit> Missing);

/// <summary>One notice for one person: a reminder for <paramref name="Unit"/> or a digest for a commune.</summary>
public sealed record PlannedNotice(NoticeSlot Slot, long PersonId, string PersonName, IReadOnlyList<ChatAddress> Addresses,
    UnitInfo? Unit, PeriodWindow Window, DigestContent? Digest)
{
    public (long PersonId, string PeriodKey, NoticeKind Kind) Key => (PersonId, Slot.Period.Key, Slot.Kind);
}

/// <summary>
/// Who gets which notice at an instant: focal points (with a chat identity, not muted, not yet sent this notice)
/// whose unit has not submitted the period; commune officers a digest of their commune. Reads a few set-based
/// queries per pending notice; sends nothing.
/// </summary>
public interface IReminderPlanner
{
    ReminderTiming Timing { get; }

    Task<IReadOnlyList<PlannedNotice>> PlanAsync(DateTimeOffset at, CancellationToken ct = default);
}

internal sealed class ReminderPlanner(ReportingDatabase database, IReportingSchedule schedule, IDirectoryService directory) : IReminderPlanner
{
    public ReminderTiming Timing { get; } = new(schedule);

    public async Task<IReadOnlyList<PlannedNotice>> PlanAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        var slots = Timing.PendingAt(at);
        if (slots.Count == 0)
        {
            return [];
        }

        // Focal points from the directory's own list (one row per bound identity, most recently bound first).
        var contacts = await directory.FocalPointsAsync(null, ct);
        var focal = contacts.GroupBy(c => (c.PersonId, c.Unit.Id)).ToList();
        await using var db = await database.OpenAsync(ct);
        var officers = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.RevokedAt == null && r.Role == Role.CommuneOfficer && r.CommuneId != null)
            .Join(db.People.AsNoTracking(), r => r.PersonId, p => p.Id, (r, p) => new { r.PersonId, CommuneId = r.CommuneId!.Value, p.DisplayName })
            .ToListAsync(ct);
        if (focal.Count == 0 && officers.Count == 0)
        {
            return [];
        }

        var identities = (await db.ChatIdentities.AsNoTracking().OrderByDescending(i => i.BoundAt)
                .Select(i => new { i.PersonId, i.Channel, i.PlatformUserId }).ToListAsync(ct))
            .GroupBy(i => i.PersonId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ChatAddress>)g.Select(i => new ChatAddress(i.Channel, i.PlatformUserId)).ToList());
        var muted = (await db.ReminderMutes.AsNoTracking().Select(m => m.PersonId).ToListAsync(ct)).ToHashSet();
        // Units reporting to a commune, by commune, in directory order.
        var communeUnits = (await db.ActiveUnitsAsync(ct))
            .Where(u => u.ReportsTo == ReportingLine.Commune && u.Commune is not null).ToLookup(u => u.Commune!.Id);
        var focalByUnit = contacts.FirstNamePerUnit();

        // Notices already claimed, for every pending slot at once; each period's reports read once.
        var periodKeys = slots.Select(s => s.Period.Key).Distinct().ToList();
        var claimed = (await db.ReminderLog.AsNoTracking().Where(l => periodKeys.Contains(l.PeriodKey))
                .Select(l => new { l.PeriodKey, l.Kind, l.PersonId }).ToListAsync(ct))
            .Select(l => (l.PeriodKey, l.Kind, l.PersonId)).ToHashSet();
        var reportsByPeriod = new Dictionary<string, Dictionary<int, ReportState>>(StringComparer.Ordinal);

        var notices = new List<PlannedNotice>();
        foreach (var slot in slots)
        {
            var periodKey = slot.Period.Key;
            var kind = slot.Kind;
            bool Sent(long personId) => claimed.Contains((periodKey, kind, personId));
            if (!reportsByPeriod.TryGetValue(periodKey, out var reports))
            {
                reports = await PeriodData.ReportsAsync(db, slot.Period, null, ct);
                reportsByPeriod[periodKey] = reports;
            }

            var window = schedule.WindowOf(slot.Period);
            bool Submitted(int unitId) => reports.TryGetValue(unitId, out var r) && r.IsSubmitted;

            foreach (var contact in slot.IsDigest ? [] : focal)
            {
                var (personId, unitId) = contact.Key;
                if (!muted.Contains(personId) && !Sent(personId) && !Submitted(unitId) && identities.TryGetValue(personId, out var to))
                {
                    notices.Add(new PlannedNotice(slot, personId, contact.First().DisplayName, to, contact.First().Unit, window, null));
                }
            }

            foreach (var officer in slot.IsDigest ? officers : [])
            {
                if (muted.Contains(officer.PersonId) || Sent(officer.PersonId) || !identities.TryGetValue(officer.PersonId, out var to))
                {
                    continue;
                }

                var inCommune = communeUnits[officer.CommuneId].ToList();
                if (inCommune.Count == 0)
                {
                    continue;
                }

                var missing = inCommune.Where(u => !Submitted(u.Id))
                    .OrderBy(u => u.Name, StringComparer.Ordinal)
                    .Select(u => new DigestUnit(u, reports.ContainsKey(u.Id), focalByUnit.GetValueOrDefault(u.Id), u.Phone))
                    .ToList();
                var submitted = inCommune.Where(u => Submitted(u.Id)).Select(u => reports[u.Id]).ToList();
                var digest = new DigestContent(inCommune[0].Commune!, inCommune.Count, submitted.Count,
                    submitted.Count(r => r.Timeliness != Timeliness.Late), submitted.Count(r => r.Timeliness == Timeliness.Late), missing);
                notices.Add(new PlannedNotice(slot, officer.PersonId, officer.DisplayName, to, null, window, digest));
            }
        }

        // One notice per person, period and kind (a person may hold two focal roles: the first unit not filed).
        return notices.DistinctBy(n => n.Key).ToList();
    }
}
