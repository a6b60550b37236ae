using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Tests.Facts;

/// <summary>
/// A second plan, made up for this test, with the same kinds of tables but other rows, numbers, units and reporting
/// days: it compiles and is answered with no change to the code.
/// </summary>
public sealed class MadeUpPlanTests : IDisposable
{
    private const string Plan = """
        ---
        id: ke-hoach-99-thu-nghiem
        kind: Kế hoạch
        number: 99/KH-SVH
        title: Kế hoạch số hóa thư viện trường học năm 2026
        issuer: Sở Văn hóa tỉnh Thử Nghiệm
        date: 02/3/2026
        authority: verbatim
        source: văn bản thử nghiệm
        completeness: đầy đủ
        ---
        # KẾ HOẠCH: Số hóa thư viện trường học năm 2026

        ## I. MỤC TIÊU

        ### 2. Mục tiêu cụ thể

        - 70% thư viện trường tiểu học có mục lục điện tử tra cứu trực tuyến.

        - Tỷ lệ sách giáo khoa được số hóa đạt trên 40%.

        ## IV. BẢO ĐẢM AN TOÀN THÔNG TIN

        ### 1. Bảo mật tài khoản thư viện số

        - Đặt mật khẩu tài khoản thủ thư từ 10 ký tự; đổi mật khẩu mỗi quý; không dùng chung tài khoản giữa các thủ thư.

        ## V. TỔ CHỨC THỰC HIỆN

        ### 3. Các trường học

        - Định kỳ hằng tháng (trước ngày 25), hằng quý (trước ngày 15 tháng cuối quý), và năm (trước ngày 05/12) báo cáo kết quả (Các trường THPT báo cáo về Sở Văn hóa qua địa chỉ <https://example.org/bieu-mau>; các trường tiểu học báo cáo về Phòng Văn hóa xã) để tổng hợp.

        ## Phụ lục 1: PHÂN CÔNG CÁC CHỈ TIÊU

        | STT | Chỉ tiêu | Đơn vị chủ trì theo dõi | Đơn vị thực hiện | Thời hạn |
        |---|---|---|---|---|
        | 1 | 70% thư viện trường tiểu học có mục lục điện tử tra cứu trực tuyến | Phòng Thư viện số | Các trường tiểu học | Tháng 6/2026 |
        | 2 | Tỷ lệ sách giáo khoa được số hóa đạt trên 40% | Phòng Xuất bản | Nhà xuất bản tỉnh | Tháng 9/2026 |

        ## Phụ lục 2: PHÂN CÔNG CÁC NHIỆM VỤ

        | TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |
        |---|---|---|---|---|
        | 1 | Mua sắm máy quét sách khổ lớn cho thư viện tỉnh | Phòng Kế hoạch - Tài chính | Phòng Thư viện số | Quý II/2026 |
        | 2 | Tập huấn thủ thư về phần mềm quản lý thư viện | Phòng Thư viện số | Các trường tiểu học | Năm 2026 |
        | 3 | Xây dựng kho sách nói cho học sinh khiếm thị | Phòng Công tác xã hội | Hội Người mù tỉnh | Tháng 12/2026 |
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("made-up-plan-").FullName;
    private readonly KnowledgeIndex _index;

    public MadeUpPlanTests()
    {
        File.WriteAllText(Path.Combine(_folder, "ke-hoach-99.md"), Plan.Replace("\n        ", "\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_folder, "glossary.tsv"), "viet_tat\tday_du\nTV\tthư viện\nSGK\tsách giáo khoa\n");
        _index = KnowledgeIndex.Load(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private KnowledgeAnswer Ask(string question) => new AnswerComposer(_index, new DateOnly(2026, 5, 10)).Answer(question);

    [Fact]
    public void Its_tables_compile_to_records_with_lead_partners_and_deadline()
    {
        var records = _index.Facts.Records;
        Assert.Equal(5, records.Count);
        var scanner = Assert.Single(records, r => r.Label == "nhiệm vụ" && r.Number == 1);
        Assert.Equal("Phòng Kế hoạch - Tài chính", scanner.Lead!.Value);
        Assert.Equal("Phòng Thư viện số", scanner.Partners!.Value);
        Assert.Equal("Quý II/2026", scanner.Deadline!.Value);
        Assert.Equal(2, scanner.TableNumber);
        Assert.Equal(["trên 40%"], records.Single(r => r.Label == "chỉ tiêu" && r.Number == 2).Targets);
    }

    [Fact]
    public void Its_body_targets_and_reporting_rules_compile_too()
    {
        Assert.Contains(_index.Facts.Targets, t => t.Figures.Contains("70%"));
        Assert.Equal(25, _index.Facts.Schedule!.MonthlyDay);
        Assert.Equal((5, 12), _index.Facts.Schedule.Annual);
        var senders = _index.Facts.Senders;
        Assert.Equal(2, senders.Count);
        Assert.Equal("https://example.org/bieu-mau", senders[0].Link);
        Assert.Equal("Phòng Văn hóa xã", senders[1].Recipient);
    }

    [Fact]
    public void Its_security_practices_compile_to_items_under_their_topic()
    {
        var practices = _index.Facts.Practices;
        Assert.Equal(
            ["Đặt mật khẩu tài khoản thủ thư từ 10 ký tự", "đổi mật khẩu mỗi quý", "không dùng chung tài khoản giữa các thủ thư."],
            practices.Select(p => p.Text));
        Assert.All(practices, p => Assert.Contains("Bảo mật tài khoản thư viện số", p.Topic, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Ai chủ trì nhiệm vụ số 3?", "Phòng Công tác xã hội")]
    [InlineData("nhiem vu thu ba do phong nao phu trach", "Phòng Công tác xã hội")]
    [InlineData("Dòng 1 phụ lục 2 ai chủ trì?", "Phòng Kế hoạch - Tài chính")]
    [InlineData("Phòng nào lo việc mua máy quét sách?", "Phòng Kế hoạch - Tài chính")]
    [InlineData("kho sach noi cho hoc sinh khiem thi ai lam dau moi", "Phòng Công tác xã hội")]
    [InlineData("Số hóa SGK do phòng nào theo dõi?", "Phòng Xuất bản")]
    public void Who_leads_is_answered_by_number_and_by_topic(string question, string lead)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.StartsWith(lead, answer.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tập huấn thủ thư phải xong khi nào?", "năm 2026")]
    [InlineData("Chỉ tiêu 1 hạn bao giờ?", "tháng 6/2026")]
    [InlineData("máy quét sách khổ lớn thời hạn", "quý II/2026")]
    public void When_is_answered_from_the_deadline_column(string question, string deadline) =>
        Assert.Contains(deadline, Ask(question).Answer, StringComparison.Ordinal);

    [Fact]
    public void Reporting_deadlines_and_lines_come_from_this_plans_own_words()
    {
        var deadline = Ask("Hạn nộp báo cáo tháng?");
        Assert.Contains("trước ngày 25 hằng tháng", deadline.Answer, StringComparison.Ordinal);
        Assert.Contains("trước 25/5/2026", deadline.Answer, StringComparison.Ordinal);

        var line = Ask("Trường tiểu học gửi báo cáo cho ai?");
        Assert.Contains("Phòng Văn hóa xã", line.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", line.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_a_host_gives_replace_the_plans_figures_and_the_plans_sentence_is_still_cited()
    {
        var given = new ReportingDeadlines(18, 10, 2, 1, 12, "test schedule");
        var answer = new AnswerComposer(_index, new DateOnly(2026, 5, 10), given).Answer("Hạn nộp báo cáo tháng và quý?");

        Assert.Contains("trước ngày 18 hằng tháng — tháng này là trước 18/5/2026", answer.Answer, StringComparison.Ordinal);
        // The 10th of the quarter's second month: due today, so the current quarter's has passed.
        Assert.Contains("trước ngày 10 tháng thứ 2 của quý — hạn quý này đã qua, quý sau là trước 10/8/2026", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("ngày 25", answer.Answer, StringComparison.Ordinal);
        Assert.Contains(answer.Citations, c => c.Quote.Contains("trước ngày 25", StringComparison.Ordinal));
        Assert.Equal(3, given.DisagreementsWith(_index.Facts.Schedule).Count);
        Assert.Empty(new ReportingDeadlines(25, 15, 3, 5, 12, "same").DisagreementsWith(_index.Facts.Schedule));
    }

    [Fact]
    public void A_target_of_the_body_answers_how_much() =>
        Assert.Contains("70%", Ask("Tỷ lệ thư viện trường tiểu học có mục lục điện tử phải đạt bao nhiêu?").Answer, StringComparison.Ordinal);

    [Fact]
    public void A_unit_lists_what_it_leads() =>
        Assert.Contains("Tập huấn thủ thư", Ask("Phòng Thư viện số chủ trì những gì?").Answer, StringComparison.Ordinal);

    [Fact]
    public void A_topic_of_the_other_plan_is_declined_with_topics_of_this_one()
    {
        var answer = Ask("Ai chủ trì chỉ tiêu thanh toán không dùng tiền mặt?");
        Assert.False(answer.Found);
        Assert.Contains("Bạn có thể hỏi:", answer.Answer, StringComparison.Ordinal);
    }
}
