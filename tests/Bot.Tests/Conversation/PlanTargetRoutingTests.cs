using DtsAssistant.Bot.Conversation.Common;

namespace DtsAssistant.Bot.Tests.Conversation;

/// <summary>The router asks the knowledge base's reading of a question whether it wants reported figures or the plan.</summary>
public sealed class PlanTargetRoutingTests
{
    [Theory]
    [InlineData("Năm 2025 tỷ lệ trường dùng phần mềm quản lý phải đạt bao nhiêu?")]
    [InlineData("tỷ lệ trường triển khai học bạ số cần đạt mức nào")]
    public void A_target_of_the_plan_is_a_question(string text) => Assert.Equal(Intent.Question, IntentDetector.Detect(text));

    [Theory]
    [InlineData("tỷ lệ trường triển khai học bạ số của xã tôi đã đạt chưa")]
    [InlineData("tháng 10 tỷ lệ trường có chữ ký số toàn tỉnh là bao nhiêu")]
    public void Reported_figures_are_a_status_query(string text) => Assert.Equal(Intent.Status, IntentDetector.Detect(text));
}
