using System.Globalization;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Tests.Facts;

/// <summary>
/// Every row of both appendices, asked by number and by its own words, who and when, with and without diacritics: the
/// answer names that row's lead unit or deadline. Questions are made from the compiled records, so a changed table is
/// tested as it stands.
/// </summary>
public sealed class PlanRecordAnswerTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    private KnowledgeAnswer Ask(string question) => kb.Answerer().Ask(question);

    public static TheoryData<string, int> Rows()
    {
        var data = new TheoryData<string, int>();
        foreach (var record in new KnowledgeBaseFixture().Index.Facts.Records.Where(r => r.Source.Document.Authority == Retrieval.Authority.Verbatim))
        {
            data.Add(record.Label, record.Number);
        }

        return data;
    }

    private PlanRecord Record(string label, int number) =>
        kb.Index.Facts.Records.Single(r => r.Label == label && r.Number == number && r.Source.Document.Authority == Retrieval.Authority.Verbatim);

    [Fact]
    public void Both_appendices_compile_to_records()
    {
        var records = kb.Index.Facts.Records.Where(r => r.Source.Document.Authority == Retrieval.Authority.Verbatim).ToList();
        Assert.Equal(11, records.Count(r => r.Label == "chỉ tiêu" && r.TableNumber == 1));
        Assert.Equal(14, records.Count(r => r.Label == "nhiệm vụ" && r.TableNumber == 2));
        Assert.All(records, r => Assert.NotNull(r.Lead));
        Assert.All(records, r => Assert.NotNull(r.Deadline));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_row_by_number_gives_its_lead_and_its_deadline(string label, int number)
    {
        var record = Record(label, number);
        var n = number.ToString(CultureInfo.InvariantCulture);
        var table = record.TableNumber!.Value.ToString(CultureInfo.InvariantCulture);
        foreach (var question in new[] { $"Ai chủ trì {label} {n}?", $"{label} số {n} (phụ lục {table}) do phòng nào phụ trách ạ", VietnameseText.NormalizeAndFold($"{label} thứ {n} ai lo") })
        {
            Assert.StartsWith(record.Lead!.Value, Ask(question).Answer, StringComparison.Ordinal);
        }

        var when = Ask($"Thời hạn của {label} {n} là khi nào?");
        Assert.Contains(TextCuts.LowerFirst(record.Deadline!.Value), when.Answer, StringComparison.Ordinal);
        Assert.Equal($"Phụ lục {table}, {label} {n}", when.Citations[0].Section);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_row_asked_by_its_own_words_gives_that_row(string label, int number)
    {
        var record = Record(label, number);
        var words = record.Text.Split(' ').Where(w => !w.EndsWith('%')).Take(12);
        var topic = string.Join(' ', words).TrimEnd(',', '.');
        var who = Ask($"Phòng nào chủ trì {topic}?");
        Assert.True(who.Found, who.Answer);
        Assert.Contains(who.Citations, c => c.Section.EndsWith($"{label} {number.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
        Assert.Contains(record.Lead!.Value, who.Answer, StringComparison.Ordinal);

        var folded = Ask(VietnameseText.NormalizeAndFold($"{topic} den bao gio phai xong"));
        Assert.Contains(folded.Citations, c => c.Section.EndsWith($"{label} {number.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Ai phụ trách chỉ tiêu IPv6?", "Phòng Công tác học sinh, sinh viên", "chỉ tiêu 3")]
    [InlineData("thanh toán không dùng tiền mặt thì phòng nào cầm trịch", "Phòng Tài chính", "chỉ tiêu 10")]
    [InlineData("CKS giáo viên đạt bao nhiêu %", "50%", "mục I.2.5")]
    [InlineData("TTHC của ngành ai lo cắt giảm?", "Văn phòng Sở", "nhiệm vụ 13")]
    [InlineData("thu hút nhân lực chất lượng cao thì phòng nào chịu trách nhiệm nhỉ", "Phòng Tổ chức cán bộ", "nhiệm vụ 12")]
    [InlineData("văn bằng số đơn vị nào phối hợp thế", "Phòng QLCL", "nhiệm vụ 9")]
    [InlineData("kho hoc lieu so dung chung ai chu tri", "Phòng Công tác học sinh, sinh viên", "nhiệm vụ 6")]
    [InlineData("Cải cách hành chính, dịch vụ công trực tuyến hạn đến bao giờ vậy?", "kế hoạch chung của UBND tỉnh", "chỉ tiêu 11")]
    [InlineData("kỹ năng số cho HS trung học do phòng nào theo dõi ạ", "GDTrH", "chỉ tiêu 5")]
    public void Everyday_wordings_abbreviations_and_fillers_find_the_row(string question, string expected, string item)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains(expected, answer.Answer, StringComparison.Ordinal);
        Assert.Contains(answer.Citations, c => c.Section.EndsWith(item, StringComparison.Ordinal));
    }

    [Fact]
    public void A_topic_that_is_both_an_indicator_and_a_task_gets_both_briefly()
    {
        var answer = Ask("Ai chủ trì học bạ số?");
        Assert.Contains(answer.Citations, c => c.Section == "Phụ lục 1, chỉ tiêu 9");
        Assert.Contains(answer.Citations, c => c.Section == "Phụ lục 2, nhiệm vụ 8");
        Assert.True(answer.Answer.Length < 400, answer.Answer);
    }

    [Fact]
    public void A_number_that_names_no_row_is_not_answered_with_another_row()
    {
        var answer = Ask("Ai chủ trì chỉ tiêu 15?");
        Assert.False(answer.Found);
        Assert.StartsWith("Phụ lục 1 có 11 chỉ tiêu, không có chỉ tiêu 15.", answer.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thanh toán không dùng tiền mặt hạn tháng 11 đúng không?", "Đúng.")]
    [InlineData("Thanh toán không dùng tiền mặt hạn tháng 12 phải không?", "Chưa đúng.")]
    [InlineData("Chỉ tiêu 10 do Phòng Tài chính chủ trì đúng không?", "Đúng.")]
    [InlineData("Chỉ tiêu 10 do Văn phòng Sở chủ trì đúng không?", "Chưa đúng.")]
    public void A_confirmation_says_whether_the_claim_holds_then_the_fact(string question, string verdict)
    {
        var answer = Ask(question);
        Assert.StartsWith(verdict, answer.Answer, StringComparison.Ordinal);
        Assert.Contains("chỉ tiêu 10", answer.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Phòng Tài chính chủ trì những gì?", "1 mục", "10.")]
    [InlineData("Văn phòng Sở chủ trì những nhiệm vụ nào?", "2 mục", "13.")]
    public void A_unit_lists_what_it_leads(string question, string count, string item)
    {
        var answer = Ask(question);
        Assert.Contains(count, answer.Answer, StringComparison.Ordinal);
        Assert.Contains(item, answer.Answer, StringComparison.Ordinal);
    }
}
