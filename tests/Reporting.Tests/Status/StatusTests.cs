using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Export;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Spreadsheets;
using DtsAssistant.Reporting.Tests.Infrastructure;

namespace DtsAssistant.Reporting.Tests.Status;

public abstract class StatusTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    private static readonly Period November = Period.Month(2025, 11);

    /// <summary>
    /// Known data for November: TH-A1 on time (gv 30/12, ipv6 done, mức 3), MN-A1 on time (gv 20/15, mức 2),
    /// THPT-1 late (gv 80/30, mức 2), MN-B1 with a draft only; the rest not started.
    /// </summary>
    private async Task FileKnownDataAsync()
    {
        await World.WithSmallDirectoryAsync();
        await World.FileAsync(await World.BindAsync(Role.FocalPoint, "TH-A1"), "TH-A1", November,
            ReportingWorld.GoodAnswers(("ipv6", new ChoiceAnswer("hoan_thanh")), ("muc_do_cds", new ChoiceAnswer("muc_3"))));
        await World.FileAsync(await World.BindAsync(Role.FocalPoint, "MN-A1"), "MN-A1", November,
            ReportingWorld.GoodAnswers(("gv_tong", new IntegerAnswer(20)), ("gv_chu_ky_so", new IntegerAnswer(15))));
        await World.Filing.OpenAsync(await World.BindAsync(Role.FocalPoint, "MN-B1"), "MN-B1", November);
        World.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 21, 9, 0, 0, VietnamTime.Offset));
        await World.FileAsync(await World.BindAsync(Role.FocalPoint, "THPT-1"), "THPT-1", November,
            ReportingWorld.GoodAnswers(("gv_tong", new IntegerAnswer(80)), ("gv_chu_ky_so", new IntegerAnswer(30))));
    }

    [DbFact]
    public async Task Completeness_and_timeliness_are_counted_apart_overall_by_commune_and_by_kind()
    {
        await FileKnownDataAsync();
        var department = await World.BindAsync(Role.DepartmentStaff);

        var status = await World.Status.StatusAsync(department, November);

        Assert.Equal("toàn tỉnh", status.ScopeLabel);
        Assert.Equal((8, 3, 2, 1, 1), (status.Overall.Expected, status.Overall.Submitted, status.Overall.OnTime, status.Overall.Late, status.Overall.Drafts));
        Assert.Equal(37.5m, status.Overall.CompletenessPercent);
        var communeA = status.ByCommune.Single(r => r.Key == "X-A");
        Assert.Equal((4, 2, 2), (communeA.Expected, communeA.Submitted, communeA.OnTime));
        var communeB = status.ByCommune.Single(r => r.Key == "X-B");
        Assert.Equal((2, 0, 1), (communeB.Expected, communeB.Submitted, communeB.Drafts));
        var sở = status.ByCommune.Single(r => r.Key == "SO");
        Assert.Equal((2, 1, 1), (sở.Expected, sở.Submitted, sở.Late));
        var preschools = status.ByKind.Single(r => r.Key == "MN");
        Assert.Equal((3, 1), (preschools.Expected, preschools.Submitted));
        Assert.False(status.IncludesSampleData);
    }

    [DbFact]
    public async Task The_units_that_have_not_filed_are_listed_with_drafts_marked()
    {
        await FileKnownDataAsync();
        var department = await World.BindAsync(Role.DepartmentStaff);

        var missing = await World.Status.MissingAsync(department, November);

        Assert.Equal(["MN-B1", "TH-B1", "MN-A2", "THCS-A1", "SO-CTHSSV"], missing.Select(m => m.Unit.Code));
        Assert.True(missing.Single(m => m.Unit.Code == "MN-B1").HasDraft);
        Assert.False(missing.Single(m => m.Unit.Code == "TH-B1").HasDraft);
    }

    [DbFact]
    public async Task Indicator_figures_sum_numerators_over_denominators_and_compare_with_targets()
    {
        await FileKnownDataAsync();
        var department = await World.BindAsync(Role.DepartmentStaff);

        var report = await World.Status.IndicatorsAsync(department, November);

        Assert.Equal(3, report.UnitsReporting);
        var signatures = report.Figures.Single(f => f.Definition.Id == "chu_ky_so");
        Assert.Equal((57m, 130m), (signatures.Numerator, signatures.Denominator));
        Assert.Equal(43.8m, signatures.Percent);
        Assert.False(signatures.MeetsTarget);
        var ipv6 = report.Figures.Single(f => f.Definition.Id == "ipv6");
        Assert.Equal((1m, 3m, 33.3m), (ipv6.Numerator, ipv6.Denominator, ipv6.Percent));
        var students = report.Figures.Single(f => f.Definition.Id == "hs_ky_nang_so");
        Assert.Equal((500m, 600m, 1), (students.Numerator, students.Denominator, students.UnitsReporting));
        var plans = report.Figures.Single(f => f.Definition.Id == "ke_hoach");
        // 3 of the 8 units it applies to: 100% of those, but too few for a verdict.
        Assert.Equal((100m, 3, 8), (plans.Percent!.Value, plans.UnitsReporting, plans.UnitsExpected));
        Assert.False(plans.EnoughData);
        Assert.Null(plans.MeetsTarget);
        var levels = report.Figures.Single(f => f.Definition.Id == "muc_do");
        Assert.Equal([0, 2, 1], levels.Distribution.Select(b => b.Units));
        Assert.Equal("Mức 3", levels.Distribution[2].Label);
    }

    [DbFact]
    public async Task An_amendment_in_progress_does_not_change_the_figures_until_it_is_submitted()
    {
        await FileKnownDataAsync();
        var department = await World.BindAsync(Role.DepartmentStaff);
        var focal = (await World.Directory.FocalPointsAsync()).First(c => c.Unit.Code == "TH-A1");
        var caller = await World.Directory.WhoAmIAsync(focal.Channel, focal.PlatformUserId);
        var reportId = (await World.Filing.HistoryAsync(caller, "TH-A1")).Single().ReportId;
        var amend = await World.Filing.AmendAsync(caller, reportId);
        await World.Filing.SaveAnswerAsync(caller, reportId, "gv_chu_ky_so", new IntegerAnswer(30), amend.Session!.Revision);

        var during = (await World.Status.IndicatorsAsync(department, November)).Figures.Single(f => f.Definition.Id == "chu_ky_so");
        var status = await World.Status.StatusAsync(department, November);

        Assert.Equal(57m, during.Numerator);
        Assert.Equal(3, status.Overall.Submitted);
    }

    [DbFact]
    public async Task A_commune_officer_sees_only_the_schools_of_the_commune()
    {
        await FileKnownDataAsync();
        var officer = await World.BindAsync(Role.CommuneOfficer, "X-B");

        var status = await World.Status.StatusAsync(officer, November);
        var missing = await World.Status.MissingAsync(officer, November);

        Assert.Equal("Phường Bình Minh", status.ScopeLabel);
        Assert.Equal(2, status.Overall.Expected); // THPT-1 sits in the commune but reports to the Sở
        Assert.Equal(["MN-B1", "TH-B1"], missing.Select(m => m.Unit.Code));
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Status.StatusAsync(officer, November, "X-A"));
        var indicators = await World.Status.IndicatorsAsync(officer, November);
        Assert.Equal(0, indicators.UnitsReporting);
    }

    [DbFact]
    public async Task A_focal_point_sees_only_the_own_unit()
    {
        await FileKnownDataAsync();
        var focal = await World.BindAsync(Role.FocalPoint, "TH-B1");

        var status = await World.Status.StatusAsync(focal, November);

        Assert.Equal(1, status.Overall.Expected);
        Assert.Equal("TH-B1", Assert.Single(await World.Status.MissingAsync(focal, November)).Unit.Code);
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Status.StatusAsync(focal, November, "X-B"));
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Filing.HistoryAsync(focal, "TH-A1"));
    }

    [DbFact]
    public async Task Staff_without_a_role_see_no_report_data()
    {
        await FileKnownDataAsync();
        var anonymous = Caller.Anonymous("telegram:stranger");
        var staff = await World.BindAsync(Role.Staff, "TH-A1");

        foreach (var caller in new[] { anonymous, staff })
        {
            await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Status.StatusAsync(caller, November));
            await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Status.MissingAsync(caller, November));
            await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Status.IndicatorsAsync(caller, November));
            await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Export.ExportPeriodAsync(caller, November, ExportFormat.Csv));
        }
    }

    [DbFact]
    public async Task The_XLSX_export_has_one_row_per_unit_status_columns_and_one_column_per_question()
    {
        await FileKnownDataAsync();
        var department = await World.BindAsync(Role.DepartmentStaff);

        var file = await World.Export.ExportPeriodAsync(department, November, ExportFormat.Xlsx);

        Assert.Equal("bao-cao-2025-11.xlsx", file.FileName);
        using (var document = SpreadsheetDocument.Open(new MemoryStream(file.Content), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            Assert.Equal(["Báo cáo", "Chỉ tiêu", "Tổng hợp", "Câu hỏi", "Thông tin"], document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        }

        var rows = Xlsx.Read(new MemoryStream(file.Content), "Báo cáo");
        var headers = rows[0].Cells.ToList();
        Assert.Equal(11 + 19, headers.Count);
        Assert.Equal("Mã đơn vị", headers[0]);
        // Vietnamese headers, the question's own words; no raw keys.
        Assert.DoesNotContain(headers, h => h.Contains('_', StringComparison.Ordinal));
        var total = headers.IndexOf("Tổng số giáo viên");
        Assert.True(total > 10, string.Join(" | ", headers));
        var ipv6 = headers.FindIndex(h => h.Contains("IPv6", StringComparison.Ordinal));
        Assert.Equal(9, rows.Count); // header + 8 units
        var thpt = rows.Single(r => r.Cells[0] == "THPT-1").Cells;
        Assert.Equal("Đã nộp", thpt[6]);
        Assert.Equal("Muộn", thpt[7]);
        Assert.Equal("80", thpt[total]);
        Assert.Equal("Đang triển khai", thpt[ipv6]);
        var notFiled = rows.Single(r => r.Cells[0] == "TH-B1").Cells;
        Assert.Equal("Chưa nộp", notFiled[6]);
        Assert.True(notFiled.Length <= total || notFiled[total] == "");

        var indicators = Xlsx.Read(new MemoryStream(file.Content), "Chỉ tiêu");
        Assert.Equal("Đánh giá", indicators[0].Cells[^1]);
        var signatures = indicators.Single(r => r.Cells[0].Contains("chữ ký số", StringComparison.OrdinalIgnoreCase)).Cells;
        Assert.Equal(["57", "130", "43.8"], signatures[2..5]);
        var plans = indicators.Single(r => r.Cells[0].StartsWith("Đơn vị đã ban hành kế hoạch", StringComparison.Ordinal)).Cells;
        Assert.Equal("chưa đủ dữ liệu (3/8 đơn vị)", plans[^1]);
        var totals = Xlsx.Read(new MemoryStream(file.Content), "Tổng hợp");
        Assert.Contains(totals, r => r.Cells[0] == "Tổng" && r.Cells[2] == "8" && r.Cells[3] == "3");
        Assert.Contains(totals, r => r.Cells[0] == "Xã/phường" && r.Cells[1] == "Xã An Hòa" && r.Cells[2] == "4" && r.Cells[3] == "2");
        Assert.Contains(totals, r => r.Cells[0] == "Cấp học" && r.Cells[1] == "Mầm non" && r.Cells[2] == "3");
        var info = Xlsx.Read(new MemoryStream(file.Content), "Thông tin");
        Assert.Contains(info, r => r.Cells[0] == "Kỳ báo cáo" && r.Cells[1] == "tháng 11/2025");
    }

    [DbFact]
    public async Task The_CSV_export_of_a_commune_holds_only_its_schools()
    {
        await FileKnownDataAsync();
        var officer = await World.BindAsync(Role.CommuneOfficer, "X-A");

        var file = await World.Export.ExportPeriodAsync(officer, November, ExportFormat.Csv, "X-A");

        var text = Encoding.UTF8.GetString(file.Content).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("Mã đơn vị,Tên đơn vị", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("TH-A1,", StringComparison.Ordinal) && l.Contains("BC-2025-11-TH-A1-1"));
        Assert.DoesNotContain(lines, l => l.StartsWith("TH-B1,", StringComparison.Ordinal));
    }
}


/// <summary>The late list, level filters, whom to call, and the coverage rule for indicators.</summary>
public abstract class UnitFilingTests(DatabaseFixture fixture) : DatabaseTests(fixture)
{
    private static readonly Period November = Period.Month(2025, 11);

    [DbFact]
    public async Task Late_units_show_days_late_and_missing_ones_the_focal_point_and_phone()
    {
        var rows = ReportingWorld.SmallDirectory.Select(r => r.Code == "THCS-A1" ? r with { Phone = "0229 123 456" } : r).ToList();
        Assert.True((await World.Importer.ImportRowsAsync(ReportingWorld.Admin, rows, acceptValid: false)).Imported);
        await World.FileAsync(await World.BindAsync(Role.FocalPoint, "TH-A1"), "TH-A1", November);
        var thcs = await World.BindAsync(Role.FocalPoint, "THCS-A1");
        var thpt = await World.BindAsync(Role.FocalPoint, "THPT-1");
        World.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 23, 10, 0, 0, VietnamTime.Offset));
        await World.FileAsync(thpt, "THPT-1", November);

        var all = await World.Status.UnitFilingsAsync(ReportingWorld.Admin, November);
        var late = Assert.Single(all, f => f.Timeliness == Timeliness.Late);
        Assert.Equal("THPT-1", late.Unit.Code);
        Assert.Equal(4, late.DaysLate);
        Assert.Equal(0, all.Single(f => f.Unit.Code == "TH-A1").DaysLate);
        var missing = all.Single(f => f.Unit.Code == "THCS-A1");
        Assert.False(missing.Submitted);
        Assert.Equal(thcs.DisplayName, missing.FocalPointName);
        Assert.Equal("0229 123 456", missing.Phone);

        var upper = await World.Status.UnitFilingsAsync(ReportingWorld.Admin, November, kinds: [UnitKind.UpperSecondary]);
        Assert.Equal(["THPT-1"], upper.Select(f => f.Unit.Code));
        var officer = await World.BindAsync(Role.CommuneOfficer, "X-A");
        var commune = await World.Status.UnitFilingsAsync(officer, November, kinds: [UnitKind.Preschool]);
        Assert.Equal(["MN-A1", "MN-A2"], commune.Select(f => f.Unit.Code));
        await Assert.ThrowsAsync<ReportingAccessDeniedException>(() => World.Status.UnitFilingsAsync(officer, November, "X-B"));
    }

    [DbFact]
    public async Task An_indicator_from_too_few_units_gets_no_verdict()
    {
        await World.WithSmallDirectoryAsync();
        await World.FileAsync(await World.BindAsync(Role.FocalPoint, "TH-A1"), "TH-A1", November,
            ReportingWorld.GoodAnswers(("gv_tong", new IntegerAnswer(20)), ("gv_chu_ky_so", new IntegerAnswer(19))));

        var report = await World.Status.IndicatorsAsync(ReportingWorld.Admin, November);
        var figure = report.Figures.First(f => f.Definition.Kind == IndicatorKind.Ratio && f.Definition.Numerator == "gv_chu_ky_so");
        Assert.Equal(1, figure.UnitsReporting);
        Assert.True(figure.UnitsExpected >= 6, $"{figure.UnitsExpected}");
        Assert.False(figure.EnoughData);
        Assert.Null(figure.MeetsTarget);
        Assert.NotNull(figure.Percent);

        // The commune of that school: 1 of its 4 units is still too few; with 2 more of 4 it is judged.
        var officer = await World.BindAsync(Role.CommuneOfficer, "X-A");
        await World.FileAsync(await World.BindAsync(Role.FocalPoint, "MN-A1"), "MN-A1", November,
            ReportingWorld.GoodAnswers(("gv_tong", new IntegerAnswer(20)), ("gv_chu_ky_so", new IntegerAnswer(19))));
        var commune = await World.Status.IndicatorsAsync(officer, November);
        var judged = commune.Figures.First(f => f.Definition.Numerator == "gv_chu_ky_so");
        Assert.True(judged.EnoughData, $"{judged.UnitsReporting}/{judged.UnitsExpected}");
        Assert.NotNull(judged.MeetsTarget);
    }
}

public sealed class UnitFilingTests_on_Sqlite(SqliteFixture fixture) : UnitFilingTests(fixture), IClassFixture<SqliteFixture>;

public sealed class UnitFilingTests_on_Postgres(PostgresFixture fixture) : UnitFilingTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;

public sealed class StatusTests_on_Sqlite(SqliteFixture fixture) : StatusTests(fixture), IClassFixture<SqliteFixture>;

public sealed class StatusTests_on_Postgres(PostgresFixture fixture) : StatusTests(fixture), IClassFixture<PostgresFixture>, IPostgresTests;
