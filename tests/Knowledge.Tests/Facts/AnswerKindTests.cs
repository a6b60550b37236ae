using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Tests.Facts;

/// <summary>Small talk, honest declines, targets, documents and the accent property, with questions of our own.</summary>
public sealed class AnswerKindTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    private KnowledgeAnswer Ask(string question) => kb.Answerer().Ask(question);

    [Theory]
    [InlineData("chào ad", "chào")]
    [InlineData("Hello bạn", "chào")]
    [InlineData("cám ơn ad nhiều nhé", "không có gì")]
    [InlineData("Bạn là ai vậy?", "trợ lý")]
    [InlineData("bot có thể giúp được gì?", "báo cáo")]
    [InlineData("tạm biệt", "hẹn gặp lại")]
    public void Small_talk_gets_a_short_friendly_reply_that_says_what_the_assistant_does(string message, string expected)
    {
        var answer = Ask(message);
        Assert.Contains(expected, answer.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chưa tìm thấy", answer.Answer, StringComparison.Ordinal);
        Assert.Empty(answer.Citations);
        Assert.True(answer.Answer.Length < 400, answer.Answer);
    }

    [Theory]
    [InlineData("Học phí cao đẳng sang năm tăng mấy phần trăm?")]
    [InlineData("Tiền bảo hiểm thân thể cho học sinh là bao nhiêu?")]
    [InlineData("Giáo viên tập sự được hưởng bao nhiêu tiền phụ cấp?")]
    [InlineData("Lịch thi học kỳ hai của lớp 9?")]
    [InlineData("Mua đồng phục học sinh ở đâu?")]
    [InlineData("Hôm nay là thứ mấy?")]
    public void Questions_the_documents_do_not_answer_are_declined_with_nearby_topics(string question)
    {
        var answer = Ask(question);
        Assert.False(answer.Found, answer.Answer);
        Assert.Empty(answer.Citations);
        Assert.Contains("Bạn có thể hỏi:", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decline_suggests_the_records_nearest_to_the_question()
    {
        var answer = Ask("Học bạ số có thu phí phụ huynh không?");
        Assert.False(answer.Found, answer.Answer);
        var suggestions = answer.Answer.Split("Bạn có thể hỏi:")[1];
        Assert.Contains("chỉ tiêu 9", suggestions, StringComparison.Ordinal);
        Assert.Contains("nhiệm vụ 8", suggestions, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tỷ lệ học bạ số phải đạt bao nhiêu?", "100%", "học bạ số")]
    [InlineData("Nhà giáo phổ thông công lập có chứng thư số tỷ lệ bao nhiêu?", "50%", "chữ ký số")]
    [InlineData("bao nhieu phan tram CBCCVC tai So phai hieu biet ve chuyen doi so", "90%", "Sở GDĐT")]
    public void A_target_is_answered_with_its_figure_and_what_it_measures(string question, string figure, string topic)
    {
        var answer = Ask(question);
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains(figure, answer.Answer, StringComparison.Ordinal);
        Assert.Contains(topic, answer.Answer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tập huấn", answer.Answer, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Trường THPT nộp báo cáo ở đâu?", "Sở GDĐT", "UBND")]
    [InlineData("truong mam non gui bao cao cho ai", "UBND các xã, phường", "forms.gle")]
    public void The_kind_of_sender_picks_its_reporting_line(string question, string expected, string other)
    {
        var answer = Ask(question);
        Assert.Contains(expected, answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(other, answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_question_gets_its_number_title_and_issuer()
    {
        var answer = Ask("Quyết định 505 nói về gì vậy?");
        Assert.True(answer.Found, answer.Answer);
        Assert.StartsWith("Quyết định 505/QĐ-TTg", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_security_practice_is_a_passage_cut_at_clauses()
    {
        var answer = Ask("Cần làm gì để tránh virus trên máy tính?");
        Assert.True(answer.Found, answer.Answer);
        Assert.Contains("diệt virus", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("tường lửa", answer.Answer, StringComparison.Ordinal);
        Assert.EndsWith("…", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_from_a_summary_says_so() =>
        Assert.Contains("bản tóm tắt", Ask("Theo QĐ 4725 cơ sở giáo dục gửi báo cáo tự đánh giá trước ngày nào?").Answer, StringComparison.Ordinal);

    public static TheoryData<string> AccentedQuestions() =>
    [
        "Ai chủ trì chỉ tiêu thanh toán không dùng tiền mặt?", "Học bạ số phải xong khi nào?", "Kho học liệu số dùng chung do phòng nào chủ trì?",
        "Hạn nộp báo cáo quý là ngày nào?", "Trường tiểu học gửi báo cáo về đâu?", "Nhiệm vụ số 12 do ai phụ trách?", "Tỷ lệ học bạ số phải đạt bao nhiêu?",
        "Phòng Tài chính chủ trì những gì?", "Cơ sở dữ liệu ngành thời hạn thế nào?", "Văn bằng số phòng nào phối hợp?", "Mạng LAN chuyển IPv6 xong khi nào?",
        "Xin chào", "Giá vàng hôm nay bao nhiêu?", "Đơn giản hóa thủ tục hành chính do ai chủ trì?",
    ];

    [Theory]
    [MemberData(nameof(AccentedQuestions))]
    public void A_question_and_its_unaccented_form_get_the_same_answer(string question)
    {
        var accented = Ask(question);
        var folded = Ask(VietnameseText.NormalizeAndFold(question));
        Assert.Equal(accented.Found, folded.Found);
        Assert.Equal(accented.Answer, folded.Answer);
        Assert.Equal(accented.Citations.Select(c => c.Section), folded.Citations.Select(c => c.Section));
    }
}
