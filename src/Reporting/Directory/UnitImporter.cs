using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Directory;

/// <summary>One row of a unit directory spreadsheet, as text (validated by the importer).</summary>
/// <param name="Line">The row's line number in the file (header is line 1).</param>
public sealed record UnitRow(int Line, string Code, string Name, string Kind, string Ownership, string CommuneCode, string CommuneName,
    string Address = "", string Phone = "");

public sealed record ImportRowError(int Line, string Message);

/// <param name="Imported">False when nothing was written (bad rows without --accept-valid, or an unreadable file).</param>
public sealed record ImportResult(int Rows, int Created, int Updated, int Unchanged, int CommunesCreated, IReadOnlyList<ImportRowError> Errors, bool Imported);

public enum ImportFileKind
{
    Csv,
    Xlsx,
}

/// <summary>
/// Imports the unit directory from CSV or XLSX. Every row is validated first and each bad row is reported with its
/// line number and a Vietnamese reason; nothing is written when any row is bad unless <c>acceptValid</c>. Idempotent:
/// the unit code is the key, so a re-import updates units and never duplicates them. Units missing from the file stay.
/// </summary>
public sealed partial class UnitImporter(ReportingDatabase database, TimeProvider clock)
{
    /// <summary>Column names as written in spreadsheets (folded: no diacritics, lower case, punctuation as spaces).</summary>
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["code"] = ["ma don vi", "ma dv", "ma", "ma truong", "code", "unit code"],
        ["name"] = ["ten don vi", "ten dv", "ten", "ten truong", "name"],
        ["kind"] = ["loai hinh", "loai", "cap hoc", "loai don vi", "kind"],
        ["ownership"] = ["cong lap", "loai hinh so huu", "so huu", "cong lap tu thuc", "ownership"],
        ["communeCode"] = ["ma xa", "ma xa phuong", "ma phuong", "commune code"],
        ["communeName"] = ["ten xa", "xa phuong", "ten xa phuong", "xa", "phuong", "commune"],
        ["address"] = ["dia chi", "address"],
        ["phone"] = ["dien thoai", "so dien thoai", "sdt", "phone"],
    };

    private static readonly string[] RequiredColumns = ["code", "name", "kind"];

    public static ImportFileKind KindOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".xlsx" => ImportFileKind.Xlsx,
            ".csv" or ".txt" => ImportFileKind.Csv,
            var other => throw new ArgumentException($"Chỉ nhận tệp .csv hoặc .xlsx (nhận được '{other}').", nameof(path)),
        };

    public async Task<ImportResult> ImportFileAsync(Caller by, string path, bool acceptValid, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        return await ImportAsync(by, stream, KindOf(path), acceptValid, markSample: false, ct);
    }

    public async Task<ImportResult> ImportAsync(Caller by, Stream content, ImportFileKind kind, bool acceptValid, bool markSample = false, CancellationToken ct = default)
    {
        List<UnitRow> rows;
        try
        {
            rows = kind == ImportFileKind.Xlsx ? ReadXlsx(content) : ReadCsv(content);
        }
        catch (UnreadableFileException e)
        {
            return new(0, 0, 0, 0, 0, [new(1, e.Message)], false);
        }

        return await ImportRowsAsync(by, rows, acceptValid, markSample, ct);
    }

    public async Task<ImportResult> ImportRowsAsync(Caller by, IReadOnlyList<UnitRow> rows, bool acceptValid, bool markSample = false, CancellationToken ct = default)
    {
        if (!by.IsAdmin)
        {
            throw new ReportingAccessDeniedException(AccessDenial.AdminOnly);
        }

        await using var db = await database.OpenAsync(ct);
        return await UpsertAsync(db, by, clock.GetUtcNow(), rows, acceptValid, markSample, ct);
    }

    /// <summary>Validates and writes rows in one transaction on an open context (also used to seed the sample directory).</summary>
    internal static async Task<ImportResult> UpsertAsync(ReportingDbContext db, Caller by, DateTimeOffset now, IReadOnlyList<UnitRow> rows,
        bool acceptValid, bool markSample, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var communes = await db.Communes.ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);

        var (valid, errors) = Validate(rows, communes);
        if (errors.Count > 0 && (!acceptValid || valid.Count == 0))
        {
            return new(rows.Count, 0, 0, 0, 0, errors, false);
        }

        int created = 0, updated = 0, unchanged = 0, communesCreated = 0;
        var renamed = new HashSet<int>();
        // Thousands of rows: entities are added fully set, and changes are detected once before saving instead of on
        // every tracked-entity access.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var newUnits = new List<Unit>();
            foreach (var row in valid)
            {
                Commune? commune = null;
                if (row.CommuneCode.Length > 0)
                {
                    if (!communes.TryGetValue(row.CommuneCode, out commune))
                    {
                        commune = new Commune { Code = row.CommuneCode, Name = row.CommuneName, IsSample = markSample };
                        communes[row.CommuneCode] = commune;
                        db.Communes.Add(commune);
                        communesCreated++;
                    }
                    else if (row.CommuneName.Length > 0 && commune.Name != row.CommuneName)
                    {
                        commune.Name = row.CommuneName;
                        renamed.Add(commune.Id);
                    }
                }

                UnitKinds.TryParse(row.Kind, out var kind);
                var isPublic = ParseOwnership(row.Ownership)!.Value;
                if (!units.TryGetValue(row.Code, out var unit))
                {
                    unit = new Unit { Code = row.Code, Name = row.Name };
                    units[row.Code] = unit;
                    newUnits.Add(unit);
                    created++;
                }
                else if (unit.Name == row.Name && unit.Kind == kind && unit.IsPublic == isPublic && unit.Commune == commune && unit.CommuneId == commune?.Id
                         && unit.Address == NullIfEmpty(row.Address) && unit.Phone == NullIfEmpty(row.Phone) && unit.IsSample == markSample && unit.Active)
                {
                    unchanged++;
                    continue;
                }
                else
                {
                    updated++;
                }

                unit.Name = row.Name;
                unit.Kind = kind;
                unit.IsPublic = isPublic;
                unit.Commune = commune;
                unit.CommuneId = commune?.Id;
                unit.ReportsTo = UnitKinds.ReportingLineOf(kind);
                unit.Address = NullIfEmpty(row.Address);
                unit.Phone = NullIfEmpty(row.Phone);
                unit.IsSample = markSample;
                unit.Active = true;
                unit.UpdatedAt = now;
            }

            // A renamed commune changes how its units read: touching them lets every process see the directory changed.
            foreach (var unit in units.Values.Where(u => u.CommuneId is { } id && renamed.Contains(id)))
            {
                unit.UpdatedAt = now;
            }

            db.Units.AddRange(newUnits);
            Audit.Record(db, now, by, markSample ? "directory.sample.seeded" : "directory.imported", "directory", "units",
                new { rows = rows.Count, created, updated, unchanged, communesCreated, rejected = errors.Count });
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return new(rows.Count, created, updated, unchanged, communesCreated, errors, true);
    }

    private static (List<UnitRow> Valid, List<ImportRowError> Errors) Validate(IReadOnlyList<UnitRow> rows, IReadOnlyDictionary<string, Commune> communes)
    {
        var valid = new List<UnitRow>();
        var errors = new List<ImportRowError>();
        var seenCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var communeNames = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var raw in rows)
        {
            var row = raw with
            {
                Code = raw.Code.Trim(), Name = Clean(raw.Name), Kind = raw.Kind.Trim(), Ownership = raw.Ownership.Trim(),
                CommuneCode = raw.CommuneCode.Trim(), CommuneName = Clean(raw.CommuneName), Address = Clean(raw.Address), Phone = raw.Phone.Trim(),
            };
            var reasons = new List<string>();
            if (row.Code.Length == 0)
            {
                reasons.Add("thiếu mã đơn vị");
            }
            else if (row.Code.Length > 32 || !CodePattern().IsMatch(row.Code))
            {
                reasons.Add($"mã đơn vị '{Shorten(row.Code)}' không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch; tối đa 32 ký tự)");
            }
            else if (seenCodes.TryGetValue(row.Code, out var firstLine))
            {
                reasons.Add($"mã đơn vị {row.Code} trùng với dòng {firstLine}");
            }
            else
            {
                seenCodes[row.Code] = row.Line;
            }

            if (row.Name.Length == 0)
            {
                reasons.Add("thiếu tên đơn vị");
            }
            else if (row.Name.Length > 300)
            {
                reasons.Add("tên đơn vị quá dài (tối đa 300 ký tự)");
            }

            var kindOk = UnitKinds.TryParse(row.Kind, out var kind);
            if (!kindOk)
            {
                reasons.Add(row.Kind.Length == 0
                    ? "thiếu loại hình"
                    : $"loại hình '{Shorten(row.Kind)}' không hợp lệ (dùng MN, TH, THCS, TH&THCS, THPT, GDTX, PHONG_SO, TRUC_THUOC)");
            }

            if (ParseOwnership(row.Ownership) is null)
            {
                reasons.Add($"cột công lập '{Shorten(row.Ownership)}' không hợp lệ (ghi \"công lập\" hoặc \"tư thục\")");
            }

            if (row.CommuneCode.Length == 0)
            {
                if (kindOk && UnitKinds.ReportingLineOf(kind) == ReportingLine.Commune)
                {
                    reasons.Add("trường MN, TH, THCS phải có mã xã/phường quản lý");
                }
            }
            else if (row.CommuneCode.Length > 32 || !CodePattern().IsMatch(row.CommuneCode))
            {
                reasons.Add($"mã xã/phường '{Shorten(row.CommuneCode)}' không hợp lệ");
            }
            else if (row.CommuneName.Length == 0 && !communes.ContainsKey(row.CommuneCode) && !communeNames.ContainsKey(row.CommuneCode))
            {
                reasons.Add($"xã/phường mã {row.CommuneCode} chưa có trong danh mục: cần ghi tên xã/phường");
            }
            else if (row.CommuneName.Length > 0 && communeNames.TryGetValue(row.CommuneCode, out var seen) && seen.Name != row.CommuneName)
            {
                reasons.Add($"xã/phường mã {row.CommuneCode} có tên khác với dòng {seen.Line} ('{seen.Name}')");
            }
            else if (row.CommuneName.Length > 0)
            {
                communeNames.TryAdd(row.CommuneCode, (row.CommuneName, row.Line));
            }

            if (row.Phone.Length > 30 || row.Address.Length > 300)
            {
                reasons.Add("địa chỉ hoặc số điện thoại quá dài");
            }

            if (reasons.Count == 0)
            {
                valid.Add(row);
            }
            else
            {
                errors.Add(new(row.Line, $"Dòng {row.Line}: {string.Join("; ", reasons)}."));
            }
        }

        return (valid, errors);
    }

    /// <summary>True for public (công lập, the default when empty), false for private; null when unreadable.</summary>
    internal static bool? ParseOwnership(string text) =>
        VietnameseText.Fold(text) switch
        {
            "" or "cong lap" or "cl" or "x" or "1" or "co" or "public" => true,
            "tu thuc" or "dan lap" or "ngoai cong lap" or "tt" or "0" or "khong" or "private" or "tu thuc dan lap" => false,
            _ => null,
        };

    internal static List<UnitRow> ReadCsv(Stream content)
    {
        using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        // Separator left unset: detected from the header (Excel in Vietnamese locales saves with ';').
        var options = new CsvReaderOptions { HasHeader = false, SkipEmptyLines = true, TrackLineNumbers = true, DetectSeparatorHint = true };
        try
        {
            using var csv = CsvReader.Create(text, options, leaveOpen: true);
            if (!csv.Read())
            {
                throw new UnreadableFileException("Tệp rỗng: không có dòng tiêu đề.");
            }

            var map = MapHeader(Fields(csv));
            var rows = new List<UnitRow>();
            while (csv.Read())
            {
                var record = Fields(csv);
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows.Add(ToRow((int)csv.LineNumber, i => i < record.Length ? record[i] : "", map));
            }

            return rows;
        }
        catch (CsvFormatException e)
        {
            throw new UnreadableFileException($"Không đọc được tệp CSV: {e.Message.Split('\n')[0]}");
        }

        static string[] Fields(CsvReader csv) => Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "").ToArray();
    }

    internal static List<UnitRow> ReadXlsx(Stream content)
    {
        List<Xlsx.RowData> sheet;
        try
        {
            sheet = Xlsx.Read(content);
        }
        catch (InvalidDataException)
        {
            throw new UnreadableFileException("Không đọc được tệp Excel (.xlsx). Vui lòng lưu lại tệp dưới dạng Excel Workbook.");
        }

        var used = sheet.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (used.Count == 0)
        {
            throw new UnreadableFileException("Tệp rỗng: không có dòng tiêu đề.");
        }

        var map = MapHeader(used[0].Cells);
        return used.Skip(1)
            .Select(r => ToRow(r.RowNumber, i => i < r.Cells.Length ? r.Cells[i] : "", map))
            .ToList();
    }

    private static Dictionary<string, int> MapHeader(string[] header)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var folded = string.Join(' ', NonAlphanumeric().Replace(VietnameseText.Fold(header[i] ?? ""), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
            foreach (var (field, aliases) in Columns)
            {
                if (!map.ContainsKey(field) && aliases.Contains(folded, StringComparer.Ordinal))
                {
                    map[field] = i;
                }
            }
        }

        var missing = RequiredColumns.Where(c => !map.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var names = missing.Select(c => c switch { "code" => "Mã đơn vị", "name" => "Tên đơn vị", _ => "Loại hình" });
            throw new UnreadableFileException($"Dòng 1: thiếu cột bắt buộc: {string.Join(", ", names)}. Các cột: Mã đơn vị, Tên đơn vị, Loại hình, Công lập, Mã xã, Tên xã/phường, Địa chỉ, Điện thoại.");
        }

        return map;
    }

    private static UnitRow ToRow(int line, Func<int, string> cell, Dictionary<string, int> map)
    {
        string Get(string field) => map.TryGetValue(field, out var i) ? cell(i) ?? "" : "";
        return new UnitRow(line, Get("code"), Get("name"), Get("kind"), Get("ownership"), Get("communeCode"), Get("communeName"), Get("address"), Get("phone"));
    }

    private static string Clean(string text) => string.Join(' ', string.Concat(text.Where(c => !char.IsControl(c))).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}

/// <summary>A file that cannot be read as a unit directory; the message is Vietnamese.</summary>
internal sealed class UnreadableFileException(string message) : Exception(message);
