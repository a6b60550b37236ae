using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Knowledge.Answering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>Scripted filing conversations through IConversationEngine on a real SQLite file.</summary>
public sealed class FilingConversationTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    /// <summary>Answers for the 17 questions a public primary school is asked, in form order, typed as people type.</summary>
    public static readonly string[] PrimarySchoolAnswers =
    [
        "rồi",              // 1 ke_hoach_cds
        "ba",               // 2 hoat_dong_cds
        "có",               // 3 web_chuyen_muc
        "5",                // 4 web_tin_bai
        "ok",               // 5 lan_dat_chuan
        "đang triển khai",  // 6 ipv6
        "45",               // 7 cb_tong
        "40/45",            // 8 cb_ky_nang_so
        "1, 2",             // 9 phan_mem
        "đã",               // 10 csdl_cap_nhat
        "mười hai",         // 11 hoc_lieu_so
        "thí điểm",         // 12 hoc_ba_so
        "1.234",            // 13 gv_tong (large on purpose: "1.234" is a thousand)
        "60%",              // 14 gv_chu_ky_so → 740
        "toàn bộ",          // 15 tt_khong_tien_mat
        "2",                // 16 muc_do_cds
        "Thiếu máy chiếu",  // 17 kho_khan
    ];

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(
            ("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary),
            ("Xã Yên Mô", "MN-YM-B", "Trường Mầm non Yên Mô B", UnitKind.Preschool),
            ("Phường Hoa Lư", "TH-HL-A", "Trường Tiểu học Hoa Lư A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Fact]
    public async Task A_focal_point_files_a_complete_report_from_start_to_receipt()
    {
        var opening = await chat.SayAsync("fp1", "nộp báo cáo tháng");
        Assert.Contains("tháng 11/2025", opening);
        Assert.Contains("Trường Tiểu học Yên Mô A", opening);
        Assert.Contains("còn 9 ngày", opening);
        Assert.Contains("17 câu hỏi", opening);
        Assert.Contains("tạm dừng", opening);
        Assert.Contains("Câu 1/17", opening);

        string last = opening;
        for (var i = 0; i < PrimarySchoolAnswers.Length; i++)
        {
            last = await chat.SayAsync("fp1", PrimarySchoolAnswers[i]);
            Assert.Contains("✓ Đã lưu", last);
            if (i + 1 < PrimarySchoolAnswers.Length)
            {
                Assert.Contains($"Câu {i + 2}/17", last);
            }
        }

        Assert.Contains("Tóm tắt báo cáo tháng 11/2025", last);
        Assert.Contains("88,9%", last);             // 40/45 against ≥ 80%
        Assert.Contains("740/1.234", last);          // 60% of 1.234 teachers
        Assert.Contains("8. ", last);

        var receipt = await chat.SayAsync("fp1", "gửi");
        Assert.Contains("Đã nhận báo cáo tháng 11/2025", receipt);
        Assert.Contains("Số tham chiếu:", receipt);
        Assert.Contains("10/11/2025", receipt);
        Assert.Contains("đúng hạn", receipt);

        var stored = await chat.QueryAsync(db => db.Answers.Where(a => a.Version == 1).ToDictionaryAsync(a => a.QuestionKey, a => a.Value));
        Assert.Equal(17, stored.Count);
        Assert.Equal("true", stored["ke_hoach_cds"]);
        Assert.Equal("3", stored["hoat_dong_cds"]);
        Assert.Equal("dang_trien_khai", stored["ipv6"]);
        Assert.Equal("40", stored["cb_ky_nang_so"]);
        Assert.Equal("1234", stored["gv_tong"]);
        Assert.Equal("740", stored["gv_chu_ky_so"]);
        Assert.Equal("12", stored["hoc_lieu_so"]);
        var report = await chat.QueryAsync(db => db.Reports.SingleAsync());
        Assert.Equal(ReportStatus.Submitted, report.Status);
    }

    [Fact]
    public async Task Back_skip_edit_pause_and_resume_survive_a_restart()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");
        var second = await chat.SayAsync("fp1", "4");
        Assert.Contains("Câu 3/17", second);

        var back = await chat.SayAsync("fp1", "quay lai");
        Assert.Contains("Câu 2/17", back);
        Assert.Contains("Đang trả lời: 4", back);
        var kept = await chat.SayAsync("fp1", "giữ nguyên");
        Assert.Contains("Câu 3/17", kept);

        var skipped = await chat.SayAsync("fp1", "bỏ qua");
        Assert.Contains("Câu 4/17", skipped);

        var edit = await chat.SayAsync("fp1", "sửa 1");
        Assert.Contains("Câu 1/17", edit);
        Assert.Contains("Câu 4/17", await chat.SayAsync("fp1", "chưa")); // back to where it was
        Assert.Contains("Câu 3/17", await chat.SayAsync("fp1", "quay lại"));

        var paused = await chat.SayAsync("fp1", "tạm dừng");
        Assert.Contains("Đã tạm dừng", paused);
        Assert.Contains("câu 3", paused);

        await chat.RestartAsync();

        // While paused, plain questions are answered normally.
        var question = await chat.SayAsync("fp1", "hạn chót của báo cáo tháng là hôm nào?");
        Assert.DoesNotContain("Câu ", question);

        var resumed = await chat.SayAsync("fp1", "/baocao");
        Assert.Contains("Tiếp tục", resumed);
        Assert.Contains("Câu 3/17", resumed);
        var stored = await chat.QueryAsync(db => db.Answers.ToDictionaryAsync(a => a.QuestionKey, a => a.Value));
        Assert.Equal("false", stored["ke_hoach_cds"]);
        Assert.Equal("4", stored["hoat_dong_cds"]);
        Assert.False(stored.ContainsKey("web_chuyen_muc"));
    }

    [Fact]
    public async Task An_interrupted_session_continues_at_the_same_question_after_a_restart()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");
        await chat.SayAsync("fp1", "2");
        await chat.RestartAsync();

        var next = await chat.SayAsync("fp1", "có");
        Assert.Contains("✓ Đã lưu: Có", next);
        Assert.Contains("Câu 4/17", next);
    }

    [Theory]
    [InlineData(0, "45", "có hoặc không")]            // yes/no
    [InlineData(1, "nhiều lắm", "ví dụ: 45")]          // integer
    [InlineData(1, "-3", "âm")]
    [InlineData(1, "1,5", "số nguyên")]
    [InlineData(1, "5000", "không được lớn hơn 1.000")]
    [InlineData(5, "có thể", "1. Đã hoàn thành")]      // choice
    [InlineData(7, "50", "lớn hơn tổng số")]           // a count above its total (cb_tong = 45)
    [InlineData(8, "7, abc", "Tôi không nhận ra")]    // multi-choice
    public async Task Bad_answers_of_every_type_get_a_short_error_with_an_example_and_change_nothing(int questionIndex, string bad, string expected)
    {
        await chat.SayAsync("fp1", "/baocao");
        for (var i = 0; i < questionIndex; i++)
        {
            await chat.SayAsync("fp1", FilingConversationTests.PrimarySchoolAnswers[i]);
        }

        var before = await chat.QueryAsync(db => db.Answers.CountAsync());
        var error = await chat.SayAsync("fp1", bad);
        Assert.Contains(expected, error);
        Assert.DoesNotContain($"Câu {questionIndex + 1}/17", error);
        Assert.Equal(before, await chat.QueryAsync(db => db.Answers.CountAsync()));

        var retry = await chat.SayAsync("fp1", PrimarySchoolAnswers[questionIndex]);
        Assert.Contains("✓ Đã lưu", retry);
    }

    [Fact]
    public async Task Two_quick_messages_from_one_person_are_handled_in_order()
    {
        await chat.SayAsync("fp1", "/baocao");
        var first = chat.SendAsync("fp1", "có");
        var second = chat.SendAsync("fp1", "7");
        var third = chat.SendAsync("fp1", "không");
        await Task.WhenAll(first, second, third);

        Assert.Contains("Câu 2/17", ConversationHarness.Text(await first));
        Assert.Contains("Câu 3/17", ConversationHarness.Text(await second));
        Assert.Contains("Câu 4/17", ConversationHarness.Text(await third));
        var stored = await chat.QueryAsync(db => db.Answers.ToDictionaryAsync(a => a.QuestionKey, a => a.Value));
        Assert.Equal(("true", "7", "false"), (stored["ke_hoach_cds"], stored["hoat_dong_cds"], stored["web_chuyen_muc"]));
    }

    [Fact]
    public async Task Three_misses_offer_to_skip_or_pause()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");
        await chat.SayAsync("fp1", "abc");
        var second = await chat.SendAsync("fp1", "xyz");
        Assert.DoesNotContain("bỏ qua câu này", ConversationHarness.Text(second));
        var third = await chat.SendAsync("fp1", "không rõ");
        Assert.Contains("bỏ qua câu này", ConversationHarness.Text(third));
        var skip = third[^1].ButtonRows.SelectMany(r => r).Single(b => b.Label == "Bỏ qua");

        var next = ConversationHarness.Text(await chat.PressAsync("fp1", skip.Data));
        Assert.Contains("Câu 3/17", next);
    }

    [Fact]
    public async Task Buttons_answer_yes_no_and_choices_and_old_buttons_do_not_answer_new_questions()
    {
        var opening = await chat.SendAsync("fp1", "/baocao");
        var yes = opening[^1].ButtonRows.SelectMany(r => r).Single(b => b.Label == "Có");
        var afterYes = ConversationHarness.Text(await chat.PressAsync("fp1", yes.Data));
        Assert.Contains("✓ Đã lưu: Có", afterYes);

        var stale = ConversationHarness.Text(await chat.PressAsync("fp1", yes.Data));
        Assert.Contains("câu đã qua", stale);
        Assert.Contains("Câu 2/17", stale);
        Assert.Equal(1, await chat.QueryAsync(db => db.Answers.CountAsync()));
    }

    [Fact]
    public async Task A_question_typed_mid_form_is_answered_and_the_form_resumes_at_the_same_question()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");
        const string question = "chỉ tiêu học bạ số năm nay là gì?";
        var replies = await chat.SendAsync("fp1", question);
        Assert.Equal(2, replies.Count);
        var expected = chat.Services.GetRequiredService<IKnowledgeAnswerer>().Ask(question);
        Assert.Equal(expected.Answer, replies[0].Text);
        Assert.Equal(expected.Found ? expected.Citations.Count : 0, replies[0].CitationList.Count);
        Assert.Contains("Tiếp tục báo cáo", replies[1].Text);
        Assert.Contains("Câu 2/17", replies[1].Text);
        Assert.Equal(1, await chat.QueryAsync(db => db.Answers.CountAsync()));
    }

    [Fact]
    public async Task A_submitted_report_can_be_amended_as_a_new_audited_version()
    {
        await FileAllAsync("fp1");
        await chat.SayAsync("fp1", "gửi");

        var offer = await chat.SendAsync("fp1", "/baocao");
        Assert.Contains("đã được nộp", offer[0].Text);
        var amend = offer[0].ButtonRows.SelectMany(r => r).Single(b => b.Label == "Sửa báo cáo");
        var summary = ConversationHarness.Text(await chat.PressAsync("fp1", amend.Data));
        Assert.Contains("bản sửa lần 1", summary);

        var edit = await chat.SayAsync("fp1", "sửa 7");
        Assert.Contains("Câu 7/17", edit);
        var back = await chat.SayAsync("fp1", "50");
        Assert.Contains("Tóm tắt", back);
        Assert.Contains("40/50", back);

        var receipt = await chat.SayAsync("fp1", "gửi");
        Assert.Contains("bản sửa lần 1", receipt);

        var versions = await chat.QueryAsync(db => db.ReportSubmissions.OrderBy(s => s.Version).Select(s => s.Version).ToListAsync());
        Assert.Equal([1, 2], versions);
        Assert.Equal("45", await chat.QueryAsync(db => db.Answers.Where(a => a.Version == 1 && a.QuestionKey == "cb_tong").Select(a => a.Value).SingleAsync()));
        Assert.Equal("50", await chat.QueryAsync(db => db.Answers.Where(a => a.Version == 2 && a.QuestionKey == "cb_tong").Select(a => a.Value).SingleAsync()));
        Assert.True(await chat.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action.Contains("amend"))));
    }

    [Fact]
    public async Task Last_periods_value_is_offered_as_the_default_and_a_big_change_is_flagged()
    {
        await using var october = new ConversationHarness(new DateTimeOffset(2025, 10, 10, 3, 0, 0, TimeSpan.Zero));
        await october.SeedAsync(("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary));
        await october.RegisterAsync("fp", Role.FocalPoint, "TH-YM-A");
        await october.SayAsync("fp", "/baocao");
        foreach (var answer in PrimarySchoolAnswers)
        {
            await october.SayAsync("fp", answer);
        }

        Assert.Contains("tháng 10/2025", await october.SayAsync("fp", "gửi"));

        october.Clock.Advance(TimeSpan.FromDays(31)); // 10/11: the November report
        await october.RestartAsync();
        await october.SayAsync("fp", "nộp báo cáo tháng 11");
        for (var i = 0; i < 6; i++)
        {
            await october.SayAsync("fp", PrimarySchoolAnswers[i]);
        }

        var replies = await october.SendAsync("fp", "có"); // "có" is not a number: question 7 is asked again
        Assert.Contains("ví dụ", replies[^1].Text);
        var keep = replies[^1].ButtonRows.SelectMany(r => r).Single(b => b.Label.StartsWith("Giữ nguyên", StringComparison.Ordinal));
        Assert.Contains("45", keep.Label);

        var kept = ConversationHarness.Text(await october.PressAsync("fp", keep.Data));
        Assert.Contains("✓ Đã lưu: 45", kept);
        Assert.Contains("Câu 8/17", kept);

        var edit = await october.SayAsync("fp", "sửa 13");
        Assert.Contains("Kỳ trước: 1.234", edit);
        var changed = await october.SayAsync("fp", "200");
        Assert.Contains("✓ Đã lưu: 200", changed);
        Assert.Contains("Câu 8/17", changed); // back where the person was before "sửa 13"
        var summary = await october.SayAsync("fp", "xem lại");
        Assert.Contains("⚠ câu 13:", summary);
    }

    [Fact]
    public async Task Late_filing_is_accepted_and_marked()
    {
        chat.Clock.Advance(TimeSpan.FromDays(12)); // 22/11: past the 19th
        var opening = await chat.SayAsync("fp1", "/baocao");
        Assert.Contains("Đã quá hạn", opening);
        for (var i = 0; i < PrimarySchoolAnswers.Length; i++)
        {
            await chat.SayAsync("fp1", PrimarySchoolAnswers[i]);
        }

        var receipt = await chat.SayAsync("fp1", "gửi");
        Assert.Contains("Nộp muộn", receipt);
        Assert.Equal(Reporting.Schedule.Timeliness.Late, await chat.QueryAsync(db => db.Reports.Select(r => r.Timeliness).SingleAsync()));
    }

    [Fact]
    public async Task Two_focal_points_share_one_draft_and_the_second_writer_is_told_what_changed()
    {
        await chat.RegisterAsync("fp2", Role.FocalPoint, "TH-YM-A");
        await chat.SayAsync("fp1", "/baocao");
        var second = await chat.SayAsync("fp2", "/baocao");
        Assert.Contains("Câu 1/17", second);

        await chat.SayAsync("fp1", "có");             // fp1 answers question 1
        var fp2Answer = await chat.SayAsync("fp2", "chưa"); // fp2 answers the same question from an older view
        Assert.Contains("chưa được lưu", fp2Answer);
        Assert.Contains("Có", fp2Answer);

        var overwrite = await chat.SayAsync("fp2", "chưa");
        Assert.Contains("✓ Đã lưu: Chưa", overwrite);

        var fp1Next = await chat.SayAsync("fp1", "3");
        Assert.Contains("vừa cập nhật", fp1Next);
        var stored = await chat.QueryAsync(db => db.Answers.ToDictionaryAsync(a => a.QuestionKey, a => a.Value));
        Assert.Equal("false", stored["ke_hoach_cds"]);
        Assert.Equal("3", stored["hoat_dong_cds"]);
    }

    [Fact]
    public async Task Sending_a_summary_that_another_focal_point_changed_meanwhile_shows_the_new_summary_and_submits_nothing()
    {
        await chat.RegisterAsync("fp2", Role.FocalPoint, "TH-YM-A");
        await FileAllAsync("fp1");                               // fp1 is at the summary
        await chat.SayAsync("fp2", "/baocao");                   // fp2 resumes the same draft at its summary
        await chat.SayAsync("fp2", "sửa 4");
        var changed = await chat.SayAsync("fp2", "7");           // fp2 changes question 4 (news items, 5 → 7)
        Assert.Contains("✓ Đã lưu: 7", changed);

        var send = await chat.SayAsync("fp1", "gửi");           // fp1 still holds the summary it saw before

        Assert.Contains("vừa có thay đổi", send);
        Assert.Contains("Tóm tắt", send);
        Assert.Equal(0, await chat.QueryAsync(db => db.ReportSubmissions.CountAsync()));
        var again = await chat.SayAsync("fp1", "gửi");          // after seeing the new summary, sending works
        Assert.Contains("Số tham chiếu", again);
        Assert.Equal("7", await chat.QueryAsync(db => db.Answers.Where(a => a.QuestionKey == "web_tin_bai").Select(a => a.Value).SingleAsync()));
    }

    [Fact]
    public async Task Cancel_asks_first_and_then_deletes_the_draft_answers()
    {
        await chat.SayAsync("fp1", "/baocao");
        await chat.SayAsync("fp1", "có");
        var ask = await chat.SayAsync("fp1", "huỷ");
        Assert.Contains("Hủy bản nháp?", ask);
        var no = await chat.SayAsync("fp1", "không");
        Assert.Contains("Câu 2/17", no);
        await chat.SayAsync("fp1", "hủy");
        var done = await chat.SayAsync("fp1", "có");
        Assert.Contains("Đã hủy bản nháp", done);
        Assert.Equal(0, await chat.QueryAsync(db => db.Answers.CountAsync()));
    }

    [Fact]
    public async Task People_who_are_not_focal_points_cannot_file()
    {
        var anonymous = await chat.SayAsync("someone", "/baocao");
        Assert.Contains("Chỉ đầu mối CĐS", anonymous);
        await chat.RegisterAsync("officer", Role.CommuneOfficer, await CommuneCodeAsync("Xã Yên Mô"));
        var officer = await chat.SayAsync("officer", "nộp báo cáo tháng 11");
        Assert.Contains("Chỉ đầu mối CĐS", officer);
        Assert.Equal(0, await chat.QueryAsync(db => db.Reports.CountAsync()));
    }

    private async Task FileAllAsync(string user)
    {
        await chat.SayAsync(user, "/baocao");
        foreach (var answer in PrimarySchoolAnswers)
        {
            await chat.SayAsync(user, answer);
        }
    }

    private Task<string> CommuneCodeAsync(string name) => chat.QueryAsync(db => db.Communes.Where(c => c.Name == name).Select(c => c.Code).SingleAsync());
}
