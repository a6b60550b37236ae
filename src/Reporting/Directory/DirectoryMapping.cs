using DtsAssistant.Reporting.Data;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Directory;

internal static class DirectoryMapping
{
    public static CommuneInfo ToInfo(this Commune c) => new(c.Id, c.Code, c.Name, c.IsSample);

    public static UnitInfo ToInfo(this Unit u) =>
        new(u.Id, u.Code, u.Name, u.Kind, u.IsPublic, u.Commune?.ToInfo(), u.ReportsTo, u.IsSample);

    /// <summary>Every active unit with its commune, as records (about 2,000 rows: cheap to read whole).</summary>
    public static async Task<List<UnitInfo>> ActiveUnitsAsync(this ReportingDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Include(u => u.Commune).Where(u => u.Active).ToListAsync(ct);
        return units.Select(u => u.ToInfo()).ToList();
    }

    /// <summary>The units a caller may see, optionally within one commune. Throws when the caller sees nothing.</summary>
    public static async Task<(List<UnitInfo> Units, string ScopeLabel)> UnitsInScopeAsync(this ReportingDbContext db, Caller caller,
        string? communeCode, CancellationToken ct)
    {
        if (!caller.SeesProvince && caller.OverseenCommunes.Count == 0 && caller.FilingUnits.Count == 0)
        {
            throw new ReportingAccessDeniedException("Bạn chưa đăng ký vai trò nào để xem số liệu báo cáo. Vui lòng dùng /dangky <mã mời> do quản trị cấp.");
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
                throw new ReportingAccessDeniedException($"Không tìm thấy xã/phường có mã {code}.");
            }

            if (!caller.SeesProvince && caller.OverseenCommunes.All(c => c.Id != commune.Id))
            {
                throw new ReportingAccessDeniedException($"Bạn không có quyền xem số liệu của {commune.Name}.");
            }

            units = units.Where(u => u.Commune?.Id == commune.Id).ToList();
            label = commune.Name;
        }

        return (units, label);
    }
}
