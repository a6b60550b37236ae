using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Tests.Understanding;

/// <summary>Reading a question into its typed result, with no index: intent, references, period, sender, topic.</summary>
public sealed class QuestionReaderTests
{
    [Theory]
    [InlineData("Ai chủ trì việc số hóa hồ sơ?", QuestionIntent.WhoLeads)]
    [InlineData("phong nao lo viec nay", QuestionIntent.WhoLeads)]
    [InlineData("Đơn vị nào là đầu mối triển khai học bạ số?", QuestionIntent.WhoLeads)]
    [InlineData("Phòng nào phối hợp làm kho học liệu?", QuestionIntent.WhoCoordinates)]
    [InlineData("Đơn vị nào thực hiện chỉ tiêu 3?", QuestionIntent.WhoImplements)]
    [InlineData("IPv6 phải xong khi nào?", QuestionIntent.When)]
    [InlineData("han bc thang", QuestionIntent.When)]
    [InlineData("Mốc thời gian của kho học liệu là gì?", QuestionIntent.When)]
    [InlineData("Tỷ lệ chữ ký số cần đạt bao nhiêu?", QuestionIntent.HowMuch)]
    [InlineData("Mật khẩu phải đặt như thế nào?", QuestionIntent.HowTo)]
    [InlineData("Bộ chỉ số mầm non theo quyết định nào?", QuestionIntent.WhichDocument)]
    [InlineData("Văn bằng số là gì?", QuestionIntent.WhatIs)]
    [InlineData("Phòng Tài chính chủ trì những gì?", QuestionIntent.ListByUnit)]
    [InlineData("Xin chào", QuestionIntent.SmallTalk)]
    [InlineData("cam on nhieu nha", QuestionIntent.SmallTalk)]
    [InlineData("Bạn làm được gì?", QuestionIntent.Help)]
    public void The_intent_comes_from_the_question_words(string question, QuestionIntent intent) =>
        Assert.Equal(intent, QuestionReader.Read(question).Intent);

    [Theory]
    [InlineData("Chỉ tiêu 11 do ai theo dõi?", "chi tieu", null, 11)]
    [InlineData("Nhiệm vụ số 4 (Phụ lục 2) ai chủ trì?", "nhiem vu", 2, 4)]
    [InlineData("nhiệm vụ thứ tư ai lo?", "nhiem vu", null, 4)]
    [InlineData("chi tieu thu 7 han khi nao", "chi tieu", null, 7)]
    [InlineData("Dòng 4 phụ lục 2 ai chủ trì?", null, 2, 4)]
    [InlineData("Nhiệm vụ thứ mười hai ai chủ trì?", "nhiem vu", null, 12)]
    public void Items_are_referenced_by_number_in_digits_or_words(string question, string? label, int? table, int number) =>
        Assert.Equal(new ItemReference(label, table, number), Assert.Single(QuestionReader.Read(question).References));

    [Theory]
    [InlineData("Chỉ tiêu thanh toán hạn tháng 11/2025 phải không?")]
    [InlineData("Nhiệm vụ năm 2025 là gì?")]
    public void A_date_or_a_year_is_not_an_item_number(string question) => Assert.Empty(QuestionReader.Read(question).References);

    [Fact]
    public void Fillers_and_question_words_are_not_topic()
    {
        var question = QuestionReader.Read("Cho hỏi học bạ số thì phòng nào chủ trì vậy ạ?");
        Assert.Equal(["hoc", "ba", "so"], question.TopicWords);
    }

    [Fact]
    public void Not_before_a_content_word_stays_in_the_topic() =>
        Assert.Contains("khong", QuestionReader.Read("thu học phí không dùng tiền mặt hạn khi nào").TopicWords);

    [Theory]
    [InlineData("Dữ liệu nên sao lưu bao lâu một lần?")]
    [InlineData("sao luu du lieu may lan")]
    public void Sao_before_a_content_word_is_the_topic_and_how_often_is_a_when_question(string question)
    {
        var read = QuestionReader.Read(question);
        Assert.Equal(QuestionIntent.When, read.Intent);
        Assert.Equal(["du", "lieu", "luu", "sao"], read.TopicWords.Order());
    }

    [Fact]
    public void Sao_asking_why_is_not_topic() =>
        Assert.DoesNotContain("sao", QuestionReader.Read("Sao phải báo cáo hằng tháng?").TopicWords);

    [Theory]
    [InlineData("Hạn báo cáo quý?", ReportPeriod.Quarterly)]
    [InlineData("han nop bc nam", ReportPeriod.Annual)]
    [InlineData("Báo cáo tháng nộp trước ngày nào?", ReportPeriod.Monthly)]
    public void The_reporting_period_is_read(string question, ReportPeriod period) =>
        Assert.Equal([period], QuestionReader.Read(question).Periods);

    [Theory]
    [InlineData("Trường mầm non nộp báo cáo cho ai?", SenderKind.School, true)]
    [InlineData("Đơn vị trực thuộc Sở gửi báo cáo về đâu?", SenderKind.DirectUnit, true)]
    [InlineData("Báo cáo tháng nộp khi nào?", SenderKind.None, false)]
    public void The_sender_and_a_recipient_question_are_read(string question, SenderKind sender, bool recipient)
    {
        var read = QuestionReader.Read(question);
        Assert.Equal(sender, read.Sender);
        Assert.Equal(recipient, read.AsksReportRecipient);
    }

    [Theory]
    [InlineData("Tỷ lệ trường dùng sổ điểm điện tử năm 2025 phải đạt bao nhiêu?", false)]
    [InlineData("Chỉ tiêu chữ ký số là bao nhiêu phần trăm?", false)]
    [InlineData("Tỷ lệ chữ ký số của xã tôi đã đạt chưa?", true)]
    [InlineData("Tháng 10 tỷ lệ học bạ số toàn tỉnh được bao nhiêu?", true)]
    [InlineData("quý này có bao nhiêu trường đã nộp?", true)]
    public void Only_questions_about_reported_figures_ask_for_report_data(string question, bool figures) =>
        Assert.Equal(figures, QuestionReader.Read(question).AsksReportedFigures);

    [Theory]
    [InlineData("Tháng 11 là hết hạn đúng không?")]
    [InlineData("phong tai chinh chu tri phai ko")]
    public void A_yes_no_confirmation_is_recognised(string question) => Assert.True(QuestionReader.Read(question).IsConfirmation);

    [Theory]
    [InlineData("Chào bạn, hạn nộp báo cáo tháng là ngày nào?")]
    [InlineData("cảm ơn, còn chỉ tiêu 3 thì ai chủ trì?")]
    public void A_greeting_in_front_of_a_question_is_still_a_question(string question) =>
        Assert.NotEqual(QuestionIntent.SmallTalk, QuestionReader.Read(question).Intent);
}

/// <summary>The phrase matcher compares lexicon word numbers; lists made after a question was numbered still match.</summary>
public sealed class PhraseMatcherTests
{
    [Fact]
    public void A_phrase_list_made_after_the_question_was_read_is_still_found()
    {
        var tokens = DtsAssistant.Knowledge.Text.VietnameseTokenizer.Tokenize("Trường Quỳnh Lưu nộp báo cáo chưa?");
        var matcher = new DtsAssistant.Knowledge.Understanding.PhraseMatcher(tokens, accented: true);
        Assert.True(matcher.Has(DtsAssistant.Knowledge.Understanding.QuestionLexicon.Report));

        // Words no lexicon list used before: numbered after the matcher numbered the question's words.
        var later = DtsAssistant.Knowledge.Understanding.Phrase.List("quỳnh lưu");
        Assert.True(matcher.Has(later));
        Assert.False(matcher.Has(DtsAssistant.Knowledge.Understanding.Phrase.List("quynh luu xa")));

        // Typed with accents, a different accented word does not match; typed without, any accented form does.
        Assert.False(matcher.Has(DtsAssistant.Knowledge.Understanding.Phrase.List("quỳnh lựu")));
        var plain = new DtsAssistant.Knowledge.Understanding.PhraseMatcher(DtsAssistant.Knowledge.Text.VietnameseTokenizer.Tokenize("truong quynh luu"), accented: false);
        Assert.True(plain.Has(DtsAssistant.Knowledge.Understanding.Phrase.List("quỳnh lựu")));
    }
}

/// <summary>
/// Typed without diacritics, syllables of the plan's words read as fillers ("luc" as "lúc", "tu" as "từ"); the index's
/// words keep them in the topic, so the unaccented question reads, and is answered, as the accented one.
/// </summary>
public sealed class DocumentWordTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    [Theory]
    [InlineData("nang luc so cua hoc sinh gom nhung gi", "luc")]
    [InlineData("so diem dien tu ai phu trach", "tu")]
    public void A_syllable_that_completes_a_word_of_the_documents_stays_in_the_topic(string question, string syllable)
    {
        Assert.DoesNotContain(syllable, QuestionReader.Read(question).TopicWords);
        Assert.Contains(syllable, QuestionReader.Read(question, kb.Index.IsWord).TopicWords);
    }

    [Fact]
    public void A_filler_next_to_a_word_it_does_not_form_with_stays_out()
    {
        Assert.True(kb.Index.IsWord("nang", "luc"));
        Assert.False(kb.Index.IsWord("thang", "nay"));
        Assert.DoesNotContain("nay", QuestionReader.Read("bao cao thang nay nop khi nao", kb.Index.IsWord).TopicWords);
    }

    [Theory]
    [InlineData("Khung năng lực số của người học gồm mấy miền?")]
    [InlineData("Hồ sơ học bạ điện tử do phòng nào chịu trách nhiệm?")]
    public void The_unaccented_question_gets_the_accented_questions_answer(string question)
    {
        var answerer = kb.Answerer();
        var accented = answerer.Ask(question);
        var plain = answerer.Ask(VietnameseText.Fold(question));
        Assert.True(accented.Found, accented.Answer);
        Assert.Equal(accented.Answer, plain.Answer);
    }
}
