using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Bot.Conversation.Status;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class StatusWordsTests
{
    [Theory]
    [InlineData("tháng 11 còn trường nào ở xã Yên Mô chưa nộp?", "yen mo")]
    [InlineData("phuong hoa lu con truong nao chua nop", "hoa lu")]
    [InlineData("Xã Gia Viễn đã nộp bao nhiêu", "gia vien")]
    [InlineData("tình hình xã Kim Sơn tháng 10", "kim son")]
    public void The_commune_is_the_words_after_xa_or_phuong(string text, string expected) =>
        Assert.Equal(expected, StatusQueries.CommuneMention(text));

    [Theory]
    [InlineData("tỷ lệ giáo viên có chữ ký số toàn tỉnh")]
    [InlineData("còn trường nào chưa nộp")]
    public void Without_xa_or_phuong_there_is_no_commune(string text) => Assert.Null(StatusQueries.CommuneMention(text));

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
