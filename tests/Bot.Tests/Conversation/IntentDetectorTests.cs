using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Routing;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class IntentDetectorTests
{
    [Theory]
    [InlineData("nộp báo cáo tháng")]
    [InlineData("bao cao thang 11")]
    [InlineData("Báo cáo")]
    [InlineData("em muốn khai báo cáo quý 4 ạ")]
    [InlineData("tiep tuc lam bao cao")]
    [InlineData("gửi báo cáo tháng này")]
    public void Plain_words_about_filing_start_a_filing(string text) => Assert.Equal(Intent.Filing, IntentDetector.Detect(text));

    [Theory]
    [InlineData("hạn chót của báo cáo tháng là hôm nào?")]
    [InlineData("han nop bao cao thang")]
    [InlineData("ai chịu trách nhiệm tổng hợp báo cáo?")]
    [InlineData("chỉ tiêu tỷ lệ giáo viên có chữ ký số là bao nhiêu")]
    [InlineData("ad ơi cho em hỏi IPv6 là gì ạ")]
    [InlineData("báo cáo gửi cho ai")]
    public void Questions_go_to_the_knowledge_base(string text) => Assert.Equal(Intent.Question, IntentDetector.Detect(text));

    [Theory]
    [InlineData("tháng 11 còn trường nào ở xã Yên Mô chưa nộp?")]
    [InlineData("tỷ lệ giáo viên có chữ ký số toàn tỉnh")]
    [InlineData("bao nhiêu trường đã xong IPv6")]
    [InlineData("tinh hinh nop bao cao thang nay")]
    [InlineData("danh sach don vi chua nop")]
    [InlineData("mấy trường đã hoàn thành học bạ số")]
    public void Questions_about_filing_figures_are_status_queries(string text) => Assert.Equal(Intent.Status, IntentDetector.Detect(text));

    [Theory]
    [InlineData("xuất báo cáo tháng 11")]
    [InlineData("xuat file excel")]
    [InlineData("tải về số liệu quý 4")]
    public void Export_words_ask_for_a_file(string text) => Assert.Equal(Intent.Export, IntentDetector.Detect(text));
}
