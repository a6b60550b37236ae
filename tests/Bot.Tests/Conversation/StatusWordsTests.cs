using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Status;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class StatusWordsTests
{
    [Theory]
    [InlineData("tháng 11 còn trường nào ở xã Yên Mô chưa nộp?", "Yên Mô")]
    [InlineData("Xã Gia Viễn đã nộp bao nhiêu", "Gia Viễn")]
    [InlineData("các chỉ tiêu của xã so với kế hoạch", null)]
    [InlineData("còn trường nào chưa nộp", null)]
    public void A_written_commune_name_is_the_capitalised_words_after_xa_or_phuong(string text, string? expected) =>
        Assert.Equal(expected, StatusWords.WrittenCommuneName(text));

    [Theory]
    [InlineData("các trường THPT nào chưa nộp?", "UpperSecondary")]
    [InlineData("trường mầm non nào nộp muộn", "Preschool")]
    [InlineData("/trangthai TH&THCS", "PrimaryAndLowerSecondary")]
    [InlineData("các trường tiểu học và THCS", "PrimaryAndLowerSecondary")]
    [InlineData("THCS chưa nộp", "LowerSecondary")]
    [InlineData("GDNN-GDTX", "ContinuingEducation")]
    [InlineData("đơn vị trực thuộc Sở nào chưa nộp", "DirectUnit")]
    [InlineData("những đơn vị nào nộp muộn tháng 10?", "")]
    public void Levels_are_read_from_the_words(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", StatusWords.Kinds(text)));

    [Theory]
    [InlineData("các chỉ tiêu của xã so với kế hoạch", true)]
    [InlineData("chỉ tiêu chữ ký số là bao nhiêu phần trăm?", false)]
    [InlineData("những đơn vị nào nộp muộn tháng 10?", false)]
    public void The_indicator_table_is_asked_for_by_chi_tieu_against_the_plan(string text, bool expected) =>
        Assert.Equal(expected, StatusWords.AsksIndicatorTable(StatusWords.Fold(text)));

    [Theory]
    [InlineData("nộp báo cáo tháng 11", true)]
    [InlineData("bao cao thang 11", false)]
    [InlineData("làm báo cáo", true)]
    public void Filing_verbs_are_told_apart_from_naming_the_report(string text, bool expected) =>
        Assert.Equal(expected, IntentDetector.HasFilingVerb(text));

    [Theory]
    [InlineData("hạn nộp là ngày nào?", true)]
    [InlineData("cho em hỏi IPv6 là gì", true)]
    [InlineData("Thiếu máy tính, hạn chế về đường truyền", false)]
    [InlineData("có", false)]
    [InlineData("45", false)]
    public void Questions_typed_mid_form_are_told_apart_from_answers(string text, bool expected) =>
        Assert.Equal(expected, IntentDetector.LooksLikeQuestion(text));
}
