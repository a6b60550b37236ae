using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>
/// The status questions of issue 10, each in chat through the real core: late list, level filter, communes named as
/// names (Vĩnh Quý, Nam Hoa Lư, Yên Mô) or by code, the indicator table with the coverage rule, trends, mute.
/// </summary>
public sealed class StatusQuestionTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(
            ("Xã Vĩnh Quý", "TH-VQ-A", "Trường Tiểu học Vĩnh Quý A", UnitKind.Primary),
            ("Xã Vĩnh Quý", "TH-VQ-B", "Trường Tiểu học Vĩnh Quý B", UnitKind.Primary),
            ("Xã Vĩnh Quý", "MN-VQ", "Trường Mầm non Vĩnh Quý", UnitKind.Preschool),
            ("Xã Nam Hoa Lư", "TH-NHL", "Trường Tiểu học Nam Hoa Lư", UnitKind.Primary),
            ("Phường Hoa Lư", "TH-HL", "Trường Tiểu học Hoa Lư", UnitKind.Primary),
            ("Xã Yên Mô", "TH-YM", "Trường Tiểu học Yên Mô", UnitKind.Primary),
            ("Xã Yên Mô", "THPT-YM", "Trường THPT Yên Mô", UnitKind.UpperSecondary));
        await chat.RegisterAsync("fpA", Role.FocalPoint, "TH-VQ-A");
        await chat.RegisterAsync("fpN", Role.FocalPoint, "TH-NHL");
        await chat.RegisterAsync("officer", Role.CommuneOfficer, await CodeAsync("Xã Vĩnh Quý"));
        await chat.RegisterAsync("so", Role.DepartmentStaff, "");

        await FileAsync("fpA");
        // Nam Hoa Lư files on 23/11, four days after the last on-time day (19/11).
        chat.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)));
        await FileAsync("fpN");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    private async Task FileAsync(string user)
    {
        await chat.SayAsync(user, "/baocao");
        foreach (var answer in FilingConversationTests.PrimarySchoolAnswers)
        {
            await chat.SayAsync(user, answer);
        }

        Assert.Contains("Số tham chiếu", await chat.SayAsync(user, "gửi"));
    }

    private Task<string> CodeAsync(string commune) => chat.QueryAsync(db => db.Communes.Where(c => c.Name == commune).Select(c => c.Code).SingleAsync());

    [Fact]
    public async Task Late_units_are_listed_with_days_late()
    {
        var reply = await chat.SayAsync("so", "những đơn vị nào nộp muộn tháng 11?");

        Assert.Contains("đúng hạn 1, muộn 1, chưa nộp 5", reply);
        Assert.Contains("Trường Tiểu học Nam Hoa Lư (Xã Nam Hoa Lư) — muộn 4 ngày (nộp 23/11)", reply);
        Assert.DoesNotContain("Vĩnh Quý A", reply);
    }

    [Fact]
    public async Task Which_upper_secondary_schools_have_not_filed_lists_only_them()
    {
        var reply = await chat.SayAsync("so", "các trường THPT nào chưa nộp?");

        Assert.Contains("1/1 đơn vị chưa nộp", reply);
        Assert.Contains("Trường THPT Yên Mô", reply);
        Assert.DoesNotContain("Mầm non", reply);
        Assert.DoesNotContain("Tiểu học", reply);
    }

    [Fact]
    public async Task Communes_are_matched_as_names_in_any_accent_form()
    {
        var vinhQuy = await chat.SayAsync("so", "trường nào ở xã Vĩnh Quý chưa nộp?");
        Assert.Contains("Xã Vĩnh Quý: 2/3 đơn vị chưa nộp", vinhQuy);
        Assert.Contains("Trường Tiểu học Vĩnh Quý B", vinhQuy);
        Assert.DoesNotContain("Hoa Lư", vinhQuy);

        Assert.Contains("Xã Vĩnh Quý: 2/3", await chat.SayAsync("so", "truong nao o xa vinh quy chua nop"));
        Assert.Contains("Xã Nam Hoa Lư: tất cả 1 đơn vị đã nộp", await chat.SayAsync("so", "trường nào ở Nam Hoa Lư chưa nộp?"));
        var hoaLu = await chat.SayAsync("so", "phường Hoa Lư còn trường nào chưa nộp");
        Assert.Contains("Trường Tiểu học Hoa Lư", hoaLu);
        Assert.DoesNotContain("Nam Hoa Lư", hoaLu);
        Assert.Contains("Xã Yên Mô", await chat.SayAsync("so", "trường nào ở xã Yên Mô chưa nộp"));
        Assert.Contains("Không tìm thấy xã/phường \"Hồng Quang\"", await chat.SayAsync("so", "xã Hồng Quang chưa nộp"));
    }

    [Fact]
    public async Task Trangthai_takes_a_commune_name_or_code()
    {
        Assert.Contains("Xã Yên Mô", (await chat.SayAsync("so", "/trangthai yen mo")).Split('\n')[0]);
        var byCode = await chat.SayAsync("so", "/trangthai " + await CodeAsync("Xã Vĩnh Quý"));
        Assert.Contains("Xã Vĩnh Quý", byCode.Split('\n')[0]);
        Assert.Contains("Đã nộp 1/3", byCode);
    }

    [Fact]
    public async Task The_indicator_table_rests_on_enough_units_or_says_so()
    {
        var reply = await chat.SayAsync("officer", "các chỉ tiêu của xã so với kế hoạch");

        Assert.Contains("Các chỉ tiêu so với kế hoạch — tháng 11/2025, Xã Vĩnh Quý (1 đơn vị đã nộp)", reply);
        Assert.Contains("chưa đủ dữ liệu (1/3 đơn vị)", reply);
        var lines = reply.Split('\n');
        // 1 of the 3 units an indicator applies to: no verdict; 1 of 2 (học bạ số: TH to THPT, not the preschool): judged.
        Assert.All(lines.Where(l => l.Contains("(từ 1/3 đơn vị)", StringComparison.Ordinal)), l => Assert.Contains("chưa đủ dữ liệu", l));
        Assert.Contains(lines, l => l.Contains("(từ 1/2 đơn vị)", StringComparison.Ordinal) && l.Contains("đạt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_commune_officer_still_sees_only_the_own_commune()
    {
        Assert.Contains("Bạn chỉ xem được số liệu của Xã Vĩnh Quý", await chat.SayAsync("officer", "trường nào ở xã Yên Mô chưa nộp"));
        var own = await chat.SayAsync("officer", "những trường nào nộp muộn");
        Assert.Contains("Xã Vĩnh Quý", own);
        Assert.DoesNotContain("Nam Hoa Lư", own);
    }

    [Fact]
    public async Task The_status_compares_the_filing_rate_with_last_month()
    {
        var reply = await chat.SayAsync("so", "/trangthai");

        Assert.Contains("So với tháng 10/2025: tỷ lệ nộp 0% → 28,6% (tăng 28,6 điểm %)", reply);
    }

    [Fact]
    public async Task Focal_points_turn_reminders_off_and_on()
    {
        Assert.Contains("đã tắt nhắc nhở", await chat.SayAsync("fpA", "/tatnhacnho"));
        Assert.Equal(1, await chat.QueryAsync(db => db.ReminderMutes.CountAsync()));
        Assert.Contains("đã bật lại", await chat.SayAsync("fpA", "/batnhacnho"));
        Assert.Equal(0, await chat.QueryAsync(db => db.ReminderMutes.CountAsync()));
    }
}
