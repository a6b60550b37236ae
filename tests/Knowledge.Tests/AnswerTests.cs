using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Evaluation;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>Answer kinds, checked with questions of our own (not the shared dev set), on the real documents.</summary>
public sealed class AnswerTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    private KnowledgeAnswer Ask(string question) => kb.Answerer().Ask(question);

    [Fact]
    public void Who_is_responsible_for_an_appendix_task_is_answered_from_its_row()
    {
        var answer = Ask("Phòng nào chủ trì xây dựng, thẩm định hệ thống cơ sở dữ liệu ngành giáo dục?");
        Assert.True(answer.Found);
        Assert.StartsWith("Phòng Công tác học sinh, sinh viên chủ trì", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("Các phòng thuộc Sở", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("Phụ lục 2, nhiệm vụ 5", answer.Citations[0].Section);
        Assert.Equal("Kế hoạch 27/KH-SGDĐT", answer.Citations[0].Document);
    }

    [Fact]
    public void The_deadline_of_an_indicator_comes_from_its_row_with_how_far_away_it_is()
    {
        var answer = kb.AnswererAt(new DateTimeOffset(2025, 11, 1, 8, 0, 0, VietnamTime.Offset)).Ask("Chỉ tiêu mạng LAN chuyển sang IPv6 phải xong khi nào?");
        Assert.Contains("tháng 12/2025", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("còn 60 ngày", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("Phụ lục 1, chỉ tiêu 3", answer.Citations[0].Section);
    }

    [Fact]
    public void Monthly_report_is_due_before_the_20th_counting_from_today_in_Vietnam()
    {
        var answer = kb.AnswererAt(new DateTimeOffset(2025, 12, 15, 9, 0, 0, VietnamTime.Offset)).Ask("hạn báo cáo tháng này còn mấy ngày?");
        Assert.True(answer.Found);
        Assert.Contains("trước 20/12/2025", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("ngày cuối cùng 19/12/2025", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("còn 5 ngày", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("mục V.3", answer.Citations[0].Section);
    }

    [Theory]
    [InlineData("hạn nộp là ngày nào?")]
    [InlineData("han gui la khi nao a")]
    public void A_submission_deadline_with_nothing_else_named_means_the_periodic_reports(string question)
    {
        var answer = kb.AnswererAt(new DateTimeOffset(2025, 11, 3, 9, 0, 0, VietnamTime.Offset)).Ask(question);
        Assert.True(answer.Found);
        Assert.Contains("trước 20/11/2025", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("mục V.3", answer.Citations[0].Section);
    }

    [Fact]
    public void A_submission_deadline_that_names_another_object_is_not_the_report_schedule()
    {
        var answer = kb.AnswererAt(new DateTimeOffset(2025, 11, 3, 9, 0, 0, VietnamTime.Offset)).Ask("hạn nộp kế hoạch ứng dụng CNTT của đơn vị?");
        Assert.DoesNotContain("trước 20/11/2025", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_20th_in_Vietnam_the_monthly_deadline_has_moved_to_next_month_even_if_UTC_is_still_the_19th()
    {
        // 19/12 17:30 UTC is already 20/12 00:30 in Vietnam.
        var answerer = new KnowledgeAnswerer(kb.Holder, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 12, 19, 17, 30, 0, TimeSpan.Zero)));
        var answer = answerer.Ask("han nop bao cao thang");
        Assert.Contains("20/1/2026", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("đã qua", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Quarterly_report_is_due_before_the_20th_of_the_quarters_last_month()
    {
        var answer = kb.AnswererAt(new DateTimeOffset(2026, 4, 2, 9, 0, 0, VietnamTime.Offset)).Ask("Báo cáo quý nộp trước ngày nào?");
        Assert.Contains("trước 20/6/2026", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("cuối quý", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Annual_report_is_due_before_10_December()
    {
        var answer = kb.AnswererAt(new DateTimeOffset(2026, 3, 1, 9, 0, 0, VietnamTime.Offset)).Ask("Hạn gửi báo cáo năm?");
        Assert.Contains("trước 10/12/2026", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_is_answered_with_the_sentence_that_states_its_figure()
    {
        var answer = Ask("Học sinh trung học phải được trang bị kỹ năng số tỷ lệ bao nhiêu?");
        Assert.Contains("100%", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("học sinh trung học", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_practice_question_gets_the_matching_clauses_not_the_whole_paragraph()
    {
        var answer = Ask("Mở tệp đính kèm thư điện tử cần lưu ý gì?");
        Assert.Contains("tắt chế độ tự động mở", answer.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cài đặt các phần mềm có bản quyền", answer.Answer, StringComparison.Ordinal);
        Assert.True(answer.Answer.Length < 400, answer.Answer);
    }

    [Fact]
    public void A_reference_question_names_the_document_number_from_a_footnote()
    {
        var answer = Ask("Bộ chỉ số đánh giá chuyển đổi số cơ sở giáo dục mầm non ban hành theo văn bản nào?");
        Assert.Contains("3276/QĐ-BGDĐT", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("chú thích 2", answer.Citations[0].Section);
    }

    [Fact]
    public void A_duty_question_about_a_section_lists_its_items()
    {
        var answer = Ask("Các cơ sở giáo dục trong tỉnh có nhiệm vụ gì?");
        Assert.Contains("xây dựng kế hoạch và triển khai các nhiệm vụ về chuyển đổi số năm học 2025-2026", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("mục V.3", answer.Citations[0].Section);
    }

    // The commune's section ranks below the tenth chunk for these wordings: duties are looked for among all retrieved.
    [Theory]
    [InlineData("UBND xã có trách nhiệm gì?")]
    [InlineData("UBND xa co trach nhiem gi")]
    [InlineData("Trách nhiệm của UBND xã là gì?")]
    public void A_duty_question_finds_its_section_even_when_it_ranks_low(string question)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.StartsWith("Đề nghị UBND các xã, phường:", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_resting_on_a_summary_says_so()
    {
        var answer = Ask("Theo QĐ 4725, mức 1 là dưới bao nhiêu điểm?");
        Assert.Contains("50", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("Lưu ý: nguồn là bản tóm tắt, cần đối chiếu văn bản gốc", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_from_the_plan_itself_carries_no_caveat() =>
        Assert.DoesNotContain("Lưu ý", Ask("Ai chủ trì nhiệm vụ Văn bằng số?").Answer, StringComparison.Ordinal);

    [Theory]
    [InlineData("Năm 2026 giáo viên được tăng lương bao nhiêu?")]
    [InlineData("Giá vàng hôm nay bao nhiêu?")]
    [InlineData("Cách nấu phở bò ngon?")]
    [InlineData("Ai là hiệu trưởng trường THPT Kim Sơn?")]
    public void Out_of_scope_questions_are_not_found_and_point_to_what_is_known(string question)
    {
        var answer = Ask(question);
        Assert.False(answer.Found);
        Assert.Empty(answer.Citations);
        Assert.Contains("trách nhiệm, thời hạn, chỉ tiêu", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Questions_typed_without_accents_and_with_abbreviations_get_the_same_fact()
    {
        Assert.Contains("Văn phòng Sở", Ask("cai cach TTHC do ai chu tri").Answer, StringComparison.Ordinal);
        Assert.Contains("Phòng Tài chính", Ask("chi tieu thanh toan khong dung tien mat do phong nao chu tri").Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_tone_placement_in_the_question_finds_the_same_answer() =>
        Assert.Equal(Ask("Đơn giản hóa thủ tục hành chính do ai chủ trì?").Answer, Ask("Đơn giản hoá thủ tục hành chính do ai chủ trì?").Answer);

    // Questions of our own set (Questions/generality.jsonl) the answerer is known to get wrong today. A question that
    // newly fails breaks the test; so does one of these that now passes (take it off the list).
    private static readonly string[] KnownFailures = ["gen-047", "gen-063", "gen-101", "gen-102"];

    [Fact]
    public void Our_own_question_set_fails_exactly_the_known_failures()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Questions", "generality.jsonl");
        var entries = EvalQuestionFile.Read(path);
        Assert.All(entries, e => Assert.Null(e.Error));
        var run = EvalRun.Run(entries, Ask);
        var failed = run.Failures.Select(f => f.Entry.Question!.Id).ToList();
        var details = string.Join("\n", run.Failures.Select(f => $"{f.Entry.Question!.Id}: {f.Verdict.Reason} <= {f.Answer!.Answer}"));
        Assert.True(KnownFailures.Order().SequenceEqual(failed.Order()),
            $"newly failing: [{string.Join(", ", failed.Except(KnownFailures))}]; now passing: [{string.Join(", ", KnownFailures.Except(failed))}]\n{details}");
    }

    [Fact]
    public void A_question_about_what_a_document_is_gets_its_title_not_its_letterhead()
    {
        var answer = Ask("Cho em hỏi Thông tư 42/2021 quy định về gì ạ?");
        Assert.True(answer.Found);
        Assert.StartsWith("Thông tư 42/2021/TT-BGDĐT (30/12/2021) quy định về cơ sở dữ liệu giáo dục", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Căn cứ", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_naming_a_document_and_a_topic_is_answered_from_the_text_not_the_title()
    {
        var answer = Ask("Quyết định 447 hướng dẫn quản lý tài khoản truy cập như thế nào?");
        Assert.True(answer.Found);
        Assert.Contains("tài khoản", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("phê duyệt Hướng dẫn", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_answer_names_the_lead_role_briefly_and_leaves_out_the_deadline_for_who_questions()
    {
        var answer = Ask("Chỉ tiêu thanh toán không dùng tiền mặt do ai theo dõi?");
        Assert.StartsWith("Phòng Tài chính chủ trì theo dõi chỉ tiêu 10", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("đôn đốc", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("11/2025", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_deadline_answer_puts_the_deadline_first_and_the_lead_unit_briefly()
    {
        var answer = Ask("Chỉ tiêu thanh toán không dùng tiền mặt hạn chót khi nào?");
        Assert.Contains("có thời hạn: tháng 11/2025", answer.Answer, StringComparison.Ordinal);
        Assert.EndsWith("Phòng Tài chính chủ trì theo dõi.", answer.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ad ơi cho em hỏi trường tiểu học gửi báo cáo cho ai ạ", "UBND các xã, phường")]
    [InlineData("Cho mình hỏi chút, trường mầm non báo cáo lên đâu nhé", "UBND các xã, phường")]
    [InlineData("em muốn hỏi là đơn vị trực thuộc Sở nộp báo cáo ở đâu với ạ", "forms.gle")]
    [InlineData("truong tieu hoc gui bao cao ve dau", "UBND các xã, phường")]
    public void Chat_politeness_around_a_reporting_line_question_still_finds_it(string question, string expected)
    {
        var answer = Ask(question);
        Assert.True(answer.Found);
        Assert.Contains(expected, answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_indicator_text_is_cut_after_the_words_the_question_asked_about()
    {
        var subject = "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba mười bốn mười lăm mười sáu mười bảy mười tám mười chín hai mươi";
        Assert.EndsWith("…", TextCuts.ShortSubject(subject, []), StringComparison.Ordinal);
        Assert.Contains("mười chín", TextCuts.ShortSubject(subject, ["chin"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_security_bullet_is_cut_to_the_clauses_that_answer_with_their_verb()
    {
        var answer = Ask("Nhận đường link lạ qua thư điện tử thì cần làm gì?");
        Assert.True(answer.Found);
        Assert.Contains("kiểm tra các tệp tin, các đường link gửi qua thư điện tử", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("phần mềm có bản quyền", answer.Answer, StringComparison.Ordinal);
        Assert.True(answer.Answer.Split(' ').Length <= 40, answer.Answer);
    }

    [Theory]
    [InlineData("Thủ tục đăng ký xe máy mới như thế nào?")]
    [InlineData("Lịch thi tốt nghiệp THPT năm 2026 là khi nào?")]
    [InlineData("Lương giáo viên mầm non sang năm có tăng không?")]
    public void Invented_questions_outside_the_documents_are_not_found(string question) => Assert.False(Ask(question).Found);

    [Theory]
    [InlineData("Tỷ lệ giáo viên có kỹ năng số là bao nhiêu?", "80%")]
    [InlineData("tỷ lệ trường dùng phần mềm quản lý là bao nhiêu", "100% cơ sở giáo dục triển khai các phần mềm")]
    public void A_rate_is_answered_from_the_plans_targets_not_from_a_task_that_mentions_a_percentage(string question, string expected)
    {
        // "Tập huấn ... cho 100% cán bộ, giáo viên ... kỹ năng số" (a task) matches as well as the target does; the target
        // sits under "Mục tiêu cụ thể" and in the appendix of "chỉ tiêu", and the pupils' target lacks "giáo viên".
        var answer = Ask(question);
        Assert.True(answer.Found);
        Assert.Contains(expected, answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("tập huấn", answer.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Lương giáo viên tăng từ khi nào?")]
    [InlineData("Giá điện tháng sau có tăng không?")]
    public void A_word_typed_with_diacritics_is_not_covered_by_another_word_that_folds_the_same(string question)
    {
        // "lương" and "lượng" (chất lượng), "điện" and "điển"/"diện" all fold alike; the accents say which word was meant.
        Assert.False(Ask(question).Found);
    }

    [Theory]
    [InlineData("Chất lượng đội ngũ giáo viên về kỹ năng số cần đạt gì?", "giáo viên")]
    [InlineData("chat luong doi ngu giao vien ve ky nang so", "giáo viên")]
    public void The_same_words_with_their_own_diacritics_or_none_are_still_found(string question, string expected)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains(expected, answer.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Mật khẩu nên đặt sao cho an toàn?", "mật khẩu")]
    [InlineData("Cho em hỏi sao lưu dữ liệu nên làm thế nào ạ", "sao lưu")]
    public void In_scope_paraphrases_are_still_found(string question, string expected)
    {
        var answer = Ask(question);
        Assert.True(answer.Found);
        Assert.Contains(expected, answer.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_report_recipient_question_naming_no_sender_gets_both_reporting_lines()
    {
        var answer = Ask("cho mình hỏi báo cáo chuyển đổi số thì nộp cho ai nhé?");
        Assert.True(answer.Found);
        Assert.Contains("UBND các xã, phường", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("Sở GDĐT", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("mục V.3", answer.Citations[0].Section);
    }
}
