using System.Globalization;
using System.Text;

namespace DtsAssistant.Reporting.Directory;

/// <summary>
/// A synthetic unit directory at Ninh Bình scale ("DỮ LIỆU MẪU"): 129 communes, about 1,800 units. Deterministic for a
/// seed. Commune and school codes start with "MAU-" so sample data is recognisable everywhere it appears; the names
/// are invented from common Vietnamese place-name syllables and do not describe real schools.
/// </summary>
public static class SampleDirectory
{
    public const string Label = "DỮ LIỆU MẪU";
    public const int DefaultSeed = 2025;
    public const int CommuneCount = 129;

    /// <summary>The eight phòng thuộc Sở named in the plan (real names; codes are ours).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> DepartmentOffices =
    [
        ("SO-VP", "Văn phòng Sở"),
        ("SO-TCCB", "Phòng Tổ chức cán bộ"),
        ("SO-TC", "Phòng Tài chính"),
        ("SO-CTHSSV", "Phòng Công tác học sinh, sinh viên"),
        ("SO-GDMN", "Phòng Giáo dục Mầm non"),
        ("SO-GDTH", "Phòng Giáo dục Tiểu học"),
        ("SO-GDTRH", "Phòng GDTrH, GDNN&GDTX"),
        ("SO-QLCL", "Phòng Quản lý chất lượng"),
    ];

    private static readonly string[] First =
        ["Yên", "Gia", "Hoa", "Kim", "Nho", "Nghĩa", "Phú", "Khánh", "Thanh", "Trường", "Đồng", "Bình", "An", "Tân", "Quang", "Liên", "Xuân", "Hồng", "Thái", "Vĩnh"];

    private static readonly string[] Second =
        ["Phong", "Hòa", "Sơn", "Lâm", "Thịnh", "Lạc", "Hưng", "Bình", "Thành", "Khê", "Mỹ", "Tiến", "Đức", "Lộc", "Hải", "Phúc", "Trung", "Nhân", "Cường", "Quý"];

    public static IReadOnlyList<UnitRow> Generate(int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var rows = new List<UnitRow>();
        var line = 2;
        void Add(string code, string name, string kind, bool isPublic, string communeCode, string communeName) =>
            rows.Add(new UnitRow(line++, code, name, kind, isPublic ? "Công lập" : "Tư thục", communeCode, communeName));

        foreach (var (code, name) in DepartmentOffices)
        {
            Add(code, name, "PHONG_SO", true, "", "");
        }

        var names = First.SelectMany(f => Second.Where(s => s != f).Select(s => $"{f} {s}")).OrderBy(_ => random.Next()).Take(CommuneCount).ToList();
        var communes = new List<(string Code, string Name, string Place)>();
        for (var i = 0; i < CommuneCount; i++)
        {
            var kind = random.NextDouble() < 0.25 ? "Phường" : "Xã";
            communes.Add((string.Create(CultureInfo.InvariantCulture, $"MAU-X{i + 1:D3}"), $"{kind} {names[i]}", names[i]));
        }

        foreach (var (communeCode, communeName, place) in communes)
        {
            var n = communeCode[^3..];
            var preschools = random.Next(4, 7);
            for (var k = 1; k <= preschools; k++)
            {
                Add($"MAU-MN-{n}-{k}", $"Trường Mầm non {place}{Suffix(k, preschools)}", "MN", true, communeCode, communeName);
            }

            if (random.NextDouble() < 0.6)
            {
                Add($"MAU-MN-{n}-TT", $"Trường Mầm non tư thục Hoa {Second[random.Next(Second.Length)]} ({place})", "MN", false, communeCode, communeName);
            }

            var primaries = random.Next(4, 6);
            for (var k = 1; k <= primaries; k++)
            {
                Add($"MAU-TH-{n}-{k}", $"Trường Tiểu học {place}{Suffix(k, primaries)}", "TH", true, communeCode, communeName);
            }

            var lowerSecondary = random.Next(2, 5);
            for (var k = 1; k <= lowerSecondary; k++)
            {
                Add($"MAU-THCS-{n}-{k}", $"Trường THCS {place}{Suffix(k, lowerSecondary)}", "THCS", true, communeCode, communeName);
            }

            if (random.NextDouble() < 0.3)
            {
                Add($"MAU-THTHCS-{n}", $"Trường TH&THCS {place}", "TH&THCS", true, communeCode, communeName);
            }
        }

        for (var k = 1; k <= 30; k++)
        {
            var (communeCode, communeName, place) = communes[random.Next(communes.Count)];
            Add($"MAU-THPT-{k:D2}", $"Trường THPT {place}{(k % 7 == 0 ? " B" : "")}", "THPT", k % 10 != 0, communeCode, communeName);
        }

        for (var k = 1; k <= 9; k++)
        {
            var (communeCode, communeName, place) = communes[random.Next(communes.Count)];
            Add($"MAU-GDTX-{k:D2}", $"Trung tâm GDNN-GDTX {place}", "GDTX", true, communeCode, communeName);
        }

        Add("MAU-TT-HN", "Trung tâm Hỗ trợ phát triển giáo dục hòa nhập", "TRUC_THUOC", true, "", "");
        Add("MAU-TT-KT", "Trung tâm Kỹ thuật tổng hợp - Hướng nghiệp", "TRUC_THUOC", true, "", "");
        return rows;
    }

    /// <summary>The sample as a CSV file (UTF-8 with BOM, as Excel saves it), in the import format.</summary>
    public static byte[] ToCsv(IReadOnlyList<UnitRow> rows)
    {
        var text = new StringBuilder("Mã đơn vị,Tên đơn vị,Loại hình,Công lập,Mã xã,Tên xã/phường,Địa chỉ,Điện thoại\r\n");
        foreach (var r in rows)
        {
            text.Append(string.Join(',', new[] { r.Code, r.Name, r.Kind, r.Ownership, r.CommuneCode, r.CommuneName, r.Address, r.Phone }.Select(Quote))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Loads the sample directory when the database has no units at all; returns whether it did.</summary>
    internal static async Task<bool> SeedIfEmptyAsync(Data.ReportingDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Units, ct))
        {
            return false;
        }

        var result = await UnitImporter.UpsertAsync(db, Caller.System("system"), now, Generate(), acceptValid: false, markSample: true, ct);
        return result.Imported;
    }

    internal static string Quote(string field) =>
        field.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string Suffix(int k, int count) => count == 1 ? "" : " " + (char)('A' + k - 1);
}
