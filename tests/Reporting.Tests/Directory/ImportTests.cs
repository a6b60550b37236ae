using System.Text;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Spreadsheets;
using DtsAssistant.Reporting.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Tests.Directory;

public abstract class ImportTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    private const string GoodCsv = """
        Mã đơn vị;Tên đơn vị;Loại hình;Công lập;Mã xã;Tên xã/phường;Điện thoại
        MN01;Trường Mầm non Hoa Mai;Mầm non;công lập;X01;Xã Gia Vân;0229 3860 111
        TH01;Trường Tiểu học Gia Vân;TH;Công lập;X01;Xã Gia Vân;
        THCS01;"Trường THCS Gia Vân; Gia Viễn";THCS;;X01;Xã Gia Vân;
        TT01;Trường Mầm non tư thục Sao Mai;MN;Tư thục;X02;Phường Hoa Lư;
        THPT01;Trường THPT Hoa Lư A;THPT;Công lập;X02;Phường Hoa Lư;
        SO-QLCL;Phòng Quản lý chất lượng;PHONG_SO;;;;
        """;

    private Task<ImportResult> ImportCsvAsync(string text, bool acceptValid = false) =>
        World.Importer.ImportAsync(ReportingWorld.Admin, new MemoryStream(Encoding.UTF8.GetBytes(text)), ImportFileKind.Csv, acceptValid);

    [DbFact]
    public async Task A_good_CSV_file_imports_every_unit_with_its_commune_and_reporting_line()
    {
        var result = await ImportCsvAsync(GoodCsv);

        Assert.True(result.Imported);
        Assert.Empty(result.Errors);
        Assert.Equal((6, 6, 2), (result.Rows, result.Created, result.CommunesCreated));
        var school = await World.Directory.FindUnitAsync("THCS01");
        Assert.Equal("Trường THCS Gia Vân; Gia Viễn", school!.Name);
        Assert.Equal(UnitKind.LowerSecondary, school.Kind);
        Assert.Equal(ReportingLine.Commune, school.ReportsTo);
        Assert.Equal("Xã Gia Vân", school.Commune!.Name);
        Assert.False((await World.Directory.FindUnitAsync("TT01"))!.IsPublic);
        Assert.Equal(ReportingLine.Department, (await World.Directory.FindUnitAsync("THPT01"))!.ReportsTo);
        Assert.Null((await World.Directory.FindUnitAsync("SO-QLCL"))!.Commune);
    }

    [DbFact]
    public async Task Bad_rows_are_reported_with_their_line_numbers_and_nothing_is_imported()
    {
        var csv = GoodCsv + """

            ;Trường không mã;TH;;X01;Xã Gia Vân;
            MN01;Trường trùng mã;MN;;X01;Xã Gia Vân;
            TH09;Trường Tiểu học Lạ;Đại học;;X01;Xã Gia Vân;
            TH10;Trường Tiểu học Không Xã;TH;;;;
            TH11;Trường Tiểu học Mười Một;TH;bán công;X03;;
            """;

        var result = await ImportCsvAsync(csv);

        Assert.False(result.Imported);
        Assert.Equal([8, 9, 10, 11, 12], result.Errors.Select(e => e.Line));
        Assert.Contains("thiếu mã đơn vị", result.Errors[0].Message);
        Assert.Contains("trùng với dòng 2", result.Errors[1].Message);
        Assert.Contains("loại hình 'Đại học' không hợp lệ", result.Errors[2].Message);
        Assert.Contains("phải có mã xã/phường", result.Errors[3].Message);
        Assert.Contains("công lập", result.Errors[4].Message);
        Assert.Contains("cần ghi tên xã/phường", result.Errors[4].Message);
        Assert.All(result.Errors, e => Assert.StartsWith($"Dòng {e.Line}:", e.Message));
        await using var db = World.Database.CreateDbContext();
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [DbFact]
    public async Task With_accept_valid_the_good_rows_are_imported_and_the_bad_ones_reported()
    {
        var result = await ImportCsvAsync(GoodCsv + "\nTH09;Trường lạ;Đại học;;X01;Xã Gia Vân;", acceptValid: true);

        Assert.True(result.Imported);
        Assert.Equal(6, result.Created);
        Assert.Equal(8, Assert.Single(result.Errors).Line);
        Assert.Null(await World.Directory.FindUnitAsync("TH09"));
    }

    [DbFact]
    public async Task Re_importing_updates_units_and_never_duplicates_them()
    {
        await ImportCsvAsync(GoodCsv);

        var again = await ImportCsvAsync(GoodCsv.Replace("Trường Tiểu học Gia Vân", "Trường Tiểu học Gia Vân A", StringComparison.Ordinal));

        Assert.True(again.Imported);
        Assert.Equal((0, 1, 5), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal("Trường Tiểu học Gia Vân A", (await World.Directory.FindUnitAsync("TH01"))!.Name);
        await using var db = World.Database.CreateDbContext();
        Assert.Equal(6, await db.Units.CountAsync());
        Assert.Equal(2, await db.Communes.CountAsync());
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == "directory.imported"));
    }

    [DbFact]
    public async Task An_XLSX_file_imports_like_a_CSV_with_row_numbers_from_the_sheet()
    {
        object?[][] rows =
        [
            ["Ma don vi", "Ten don vi", "Loai hinh", "Cong lap", "Ma xa", "Ten xa"],
            [12345L, "Trường Tiểu học Khánh Thành", "Tiểu học", "Công lập", "X10", "Xã Khánh Thành"], // numeric code, as sector exports have
            [null, "", null, null, null, null],
            ["12346", "Trường TH&THCS Khánh Thành", "TH&THCS", "Công lập", "X10", "Xã Khánh Thành"],
            ["12347", "", "THCS", "Công lập", "X10", "Xã Khánh Thành"],
        ];
        using var stream = new MemoryStream(Xlsx.Write(new Xlsx.SheetData("Danh mục", rows)));

        var rejected = await World.Importer.ImportAsync(ReportingWorld.Admin, stream, ImportFileKind.Xlsx, acceptValid: false);
        Assert.Equal(5, Assert.Single(rejected.Errors).Line);

        stream.Position = 0;
        var accepted = await World.Importer.ImportAsync(ReportingWorld.Admin, stream, ImportFileKind.Xlsx, acceptValid: true);
        Assert.Equal(2, accepted.Created);
        Assert.Equal(UnitKind.PrimaryAndLowerSecondary, (await World.Directory.FindUnitAsync("12346"))!.Kind);
        Assert.NotNull(await World.Directory.FindUnitAsync("12345"));
    }

    [DbFact]
    public async Task Files_that_are_not_a_directory_are_refused_with_a_reason()
    {
        var binary = await World.Importer.ImportAsync(ReportingWorld.Admin, new MemoryStream([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]), ImportFileKind.Xlsx, false);
        var noHeader = await ImportCsvAsync("a,b,c\n1,2,3");
        var empty = await ImportCsvAsync("");

        Assert.False(binary.Imported);
        Assert.Contains("Không đọc được tệp Excel", Assert.Single(binary.Errors).Message);
        Assert.Contains("thiếu cột bắt buộc", Assert.Single(noHeader.Errors).Message);
        Assert.False(empty.Imported);
    }

    [DbFact]
    public async Task Only_admins_may_import()
    {
        await World.WithSmallDirectoryAsync();
        var focal = await World.BindAsync(Reporting.Data.Role.FocalPoint, "TH-A1");

        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() =>
            World.Importer.ImportAsync(focal, new MemoryStream(Encoding.UTF8.GetBytes(GoodCsv)), ImportFileKind.Csv, false));
    }

    [DbFact]
    public async Task The_sample_directory_has_Ninh_Binh_scale_and_imports_idempotently()
    {
        var rows = SampleDirectory.Generate();
        var csv = SampleDirectory.ToCsv(rows);

        var first = await World.Importer.ImportAsync(ReportingWorld.Admin, new MemoryStream(csv), ImportFileKind.Csv, false, markSample: true);
        var second = await World.Importer.ImportAsync(ReportingWorld.Admin, new MemoryStream(csv), ImportFileKind.Csv, false, markSample: true);

        Assert.True(first.Imported, string.Join(" | ", first.Errors.Take(3).Select(e => e.Message)));
        Assert.InRange(first.Created, 1700, 1900);
        Assert.Equal(SampleDirectory.CommuneCount, first.CommunesCreated);
        Assert.Equal(first.Created, second.Unchanged);
        Assert.True(await World.Directory.IsSampleDirectoryAsync());
        await using var db = World.Database.CreateDbContext();
        var kinds = await db.Units.GroupBy(u => u.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(8, kinds[UnitKind.DepartmentOffice]);
        Assert.Equal(30, kinds[UnitKind.UpperSecondary]);
        Assert.True(kinds[UnitKind.Preschool] > kinds[UnitKind.LowerSecondary]);
        Assert.True(kinds[UnitKind.PrimaryAndLowerSecondary] > 10);
        Assert.Equal(rows.Select(r => r.Code), SampleDirectory.Generate().Select(r => r.Code));
    }
}

public sealed class ImportTests_on_Sqlite(SqliteFixture fixture) : ImportTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ImportTests_on_Postgres(PostgresFixture fixture) : ImportTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
