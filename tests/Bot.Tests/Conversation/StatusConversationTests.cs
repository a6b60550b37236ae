using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>Status and export in chat, within each asker's scope.</summary>
public sealed class StatusConversationTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(
            ("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary),
            ("Xã Yên Mô", "MN-YM-B", "Trường Mầm non Yên Mô B", UnitKind.Preschool),
            ("Phường Hoa Lư", "TH-HL-A", "Trường Tiểu học Hoa Lư A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
        await chat.RegisterAsync("officer", Role.CommuneOfficer, await CommuneCodeAsync("Xã Yên Mô"));
        await chat.RegisterAsync("so", Role.DepartmentStaff, "");

        await chat.SayAsync("fp1", "/baocao");
        foreach (var answer in FilingConversationTests.PrimarySchoolAnswers)
        {
            await chat.SayAsync("fp1", answer);
        }

        Assert.Contains("Số tham chiếu", await chat.SayAsync("fp1", "gửi"));
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task A_commune_officer_sees_the_status_of_the_communes_schools()
    {
        var status = await chat.SayAsync("officer", "/trangthai");
        Assert.Contains("tháng 11/2025", status);
        Assert.Contains("Đã nộp 1/2", status);
    }

    [Fact]
    public async Task Report_words_from_someone_who_does_not_file_ask_for_its_status()
    {
        var status = await chat.SayAsync("officer", "báo cáo tháng 11");
        Assert.Contains("Đã nộp 1/2", status);
        Assert.Equal(0, await chat.QueryAsync(db => db.Reports.CountAsync(r => r.Status == ReportStatus.Draft)));
    }

    [Fact]
    public async Task Plain_words_ask_which_schools_have_not_filed()
    {
        var missing = await chat.SayAsync("officer", "tháng 11 còn trường nào ở xã Yên Mô chưa nộp?");
        Assert.Contains("Trường Mầm non Yên Mô B", missing);
        Assert.DoesNotContain("Trường Tiểu học Yên Mô A", missing);
        Assert.DoesNotContain("Hoa Lư", missing);
    }

    [Fact]
    public async Task A_commune_officer_cannot_see_another_commune()
    {
        var refused = await chat.SayAsync("officer", "phường Hoa Lư còn trường nào chưa nộp?");
        Assert.Contains("không xem được", refused);
        Assert.DoesNotContain("Trường Tiểu học Hoa Lư A", refused);
    }

    [Fact]
    public async Task Department_staff_get_indicator_figures_for_the_province()
    {
        var signatures = await chat.SayAsync("so", "tỷ lệ giáo viên có chữ ký số toàn tỉnh");
        Assert.Contains("chữ ký số", signatures);
        Assert.Contains("740/1.234", signatures);
        Assert.Contains("60%", signatures);

        var ipv6 = await chat.SayAsync("so", "bao nhiêu trường đã xong IPv6");
        Assert.Contains("IPv6", ipv6);
        Assert.Contains("0/1", ipv6);

        var overall = await chat.SayAsync("so", "/trangthai");
        Assert.Contains("toàn tỉnh", overall);
        Assert.Contains("Đã nộp 1/3", overall);
    }

    [Fact]
    public async Task An_export_comes_back_as_an_xlsx_file()
    {
        var replies = await chat.SendAsync("so", "xuất báo cáo tháng 11");
        var file = Assert.Single(replies).File;
        Assert.NotNull(file);
        Assert.EndsWith(".xlsx", file.FileName);
        Assert.Equal((byte)'P', file.Content[0]);
        Assert.Equal((byte)'K', file.Content[1]);
    }

    [Fact]
    public async Task An_unregistered_person_asking_for_status_is_refused_clearly()
    {
        var command = await chat.SayAsync("stranger", "/trangthai");
        Assert.Contains("chỉ dành cho", command);
        var words = await chat.SayAsync("stranger", "tháng 11 còn trường nào ở xã Yên Mô chưa nộp?");
        Assert.Contains("chỉ dành cho", words);
        Assert.DoesNotContain("Mầm non", words);
        var export = await chat.SendAsync("stranger", "xuất báo cáo tháng 11");
        Assert.Null(export[0].File);
    }

    [Fact]
    public async Task A_focal_point_sees_only_the_own_unit()
    {
        var own = await chat.SayAsync("fp1", "/trangthai");
        Assert.Contains("Trường Tiểu học Yên Mô A", own);
        Assert.Contains("đã nộp", own);

        var other = await chat.SayAsync("fp1", "tháng 11 còn trường nào ở xã Yên Mô chưa nộp?");
        Assert.Contains("chỉ xem được báo cáo của đơn vị mình", other);
        Assert.DoesNotContain("Mầm non", other);

        var province = await chat.SayAsync("fp1", "tỷ lệ giáo viên có chữ ký số toàn tỉnh");
        Assert.DoesNotContain("740", province);
    }

    private Task<string> CommuneCodeAsync(string name) => chat.QueryAsync(db => db.Communes.Where(c => c.Name == name).Select(c => c.Code).SingleAsync());
}
