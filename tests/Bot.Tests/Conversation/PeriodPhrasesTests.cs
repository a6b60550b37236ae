using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Tests.Conversation;

public sealed class PeriodPhrasesTests
{
    private static readonly Period November2025 = Period.Month(2025, 11);

    [Theory]
    [InlineData("bao cao thang 11", "2025-11")]
    [InlineData("tháng 11 còn trường nào chưa nộp?", "2025-11")]
    [InlineData("xuất báo cáo tháng 12", "2024-12")]
    [InlineData("tháng 9/2025", "2025-09")]
    [InlineData("tháng 10 năm 2025", "2025-10")]
    [InlineData("tháng này", "2025-11")]
    [InlineData("thang truoc", "2025-10")]
    [InlineData("quý 4", "2025-Q4")]
    [InlineData("quý III", "2025-Q3")]
    [InlineData("quy 1 2025", "2025-Q1")]
    [InlineData("báo cáo năm 2025", "2025")]
    [InlineData("năm nay", "2025")]
    public void Periods_are_found_in_plain_words(string text, string expectedKey) =>
        Assert.Equal(expectedKey, PeriodPhrases.Find(text, November2025)?.Key);

    [Theory]
    [InlineData("nộp báo cáo")]
    [InlineData("tháng 13")]
    [InlineData("có 45 giáo viên")]
    public void Text_without_a_period_gives_none(string text) => Assert.Null(PeriodPhrases.Find(text, November2025));
}
