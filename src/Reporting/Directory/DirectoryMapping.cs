using System.Collections.Concurrent;
using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Directory;

internal static class DirectoryMapping
{
    public static CommuneInfo ToInfo(this Commune c) => new(c.Id, c.Code, c.Name, c.IsSample);

    public static UnitInfo ToInfo(this Unit u) =>
        new(u.Id, u.Code, u.Name, u.Kind, u.IsPublic, u.Commune?.ToInfo(), u.ReportsTo, u.IsSample)
        {
            Phone = string.IsNullOrEmpty(u.Phone) ? null : u.Phone,
        };

    /// <summary>Each unit's first focal point's name, in the order the contacts are listed.</summary>
    public static Dictionary<int, string> FirstNamePerUnit(this IEnumerable<FocalPointContact> contacts) =>
        contacts.GroupBy(c => c.Unit.Id).ToDictionary(g => g.Key, g => g.First().DisplayName);

    /// <summary>The directory read last time, per database, with the stamp it was read at.</summary>
    private static readonly ConcurrentDictionary<string, (DirectoryStamp Stamp, List<UnitInfo> Units)> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Every active unit with its commune, as records. The directory changes only on import, so the list is kept in
    /// memory and re-read when a cheap stamp query (counts, highest ids, latest update) shows a change, including one
    /// made by another process (a CLI import while the server runs).
    /// </summary>
    public static async Task<List<UnitInfo>> ActiveUnitsAsync(this ReportingDbContext db, CancellationToken ct)
    {
        var stamp = await StampAsync(db, ct);
        var key = db.Database.GetConnectionString() ?? "";
        if (Cache.TryGetValue(key, out var cached) && cached.Stamp == stamp)
        {
            return cached.Units;
        }

        var units = await db.Units.AsNoTracking().Include(u => u.Commune).Where(u => u.Active).ToListAsync(ct);
        var infos = units.Select(u => u.ToInfo()).ToList();
        Cache[key] = (stamp, infos);
        return infos;
    }

    private static async Task<DirectoryStamp> StampAsync(ReportingDbContext db, CancellationToken ct)
    {
        var units = await db.Units.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), MaxId = g.Max(u => u.Id), Updated = g.Max(u => u.UpdatedAt) })
            .FirstOrDefaultAsync(ct);
        var communes = await db.Communes.GroupBy(_ => 1).Select(g => new { Count = g.Count(), MaxId = g.Max(c => c.Id) }).FirstOrDefaultAsync(ct);
        return new DirectoryStamp(units?.Count ?? 0, units?.MaxId ?? 0, units?.Updated ?? default, communes?.Count ?? 0, communes?.MaxId ?? 0);
    }

    private readonly record struct DirectoryStamp(int Units, int MaxUnitId, DateTimeOffset LastUpdate, int Communes, int MaxCommuneId);

    /// <summary>The units a caller may see, optionally within one commune. Throws when the caller sees nothing.</summary>
    public static async Task<(List<UnitInfo> Units, string ScopeLabel)> UnitsInScopeAsync(this ReportingDbContext db, Caller caller,
        string? communeCode, CancellationToken ct)
    {
        if (!caller.SeesProvince && caller.OverseenCommunes.Count == 0 && caller.FilingUnits.Count == 0)
        {
            throw new ReportingAccessDeniedException(AccessDenial.NotRegistered);
        }

        var units = (await db.ActiveUnitsAsync(ct)).Where(caller.CanSee).ToList();
        var label = caller.SeesProvince ? "toàn tỉnh"
            : caller.OverseenCommunes.Count > 0 ? string.Join(", ", caller.OverseenCommunes.Select(c => c.Name))
            : string.Join(", ", caller.FilingUnits.Select(u => u.Name));
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var code = communeCode.Trim();
            var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
            if (commune is null)
            {
                throw new ReportingAccessDeniedException(AccessDenial.UnknownCommune, code);
            }

            if (!caller.SeesProvince && caller.OverseenCommunes.All(c => c.Id != commune.Id))
            {
                throw new ReportingAccessDeniedException(AccessDenial.OtherCommune, commune.Name);
            }

            units = units.Where(u => u.Commune?.Id == commune.Id).ToList();
            label = commune.Name;
        }

        return (units, label);
    }
}
