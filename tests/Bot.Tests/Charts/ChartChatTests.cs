using DtsAssistant.Bot.Tests.Conversation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Bot.Tests.Charts;

/// <summary>"biểu đồ …" in chat: the chart comes back as a PNG file, within the asker's scope.</summary>
public sealed class ChartChatTests : IAsyncLifetime
{
    private readonly ConversationHarness chat = new();

    public async Task InitializeAsync()
    {
        await chat.SeedAsync(
            ("Xã Yên Mô", "TH-YM-A", "Trường Tiểu học Yên Mô A", UnitKind.Primary),
            ("Xã Yên Mô", "MN-YM-B", "Trường Mầm non Yên Mô B", UnitKind.Preschool),
            ("Phường Hoa Lư", "TH-HL-A", "Trường Tiểu học Hoa Lư A", UnitKind.Primary));
        await chat.RegisterAsync("fp1", Role.FocalPoint, "TH-YM-A");
        var yenMo = await chat.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Communes, c => c.Name == "Xã Yên Mô"));
        await chat.RegisterAsync("officer", Role.CommuneOfficer, yenMo.Code);
        await chat.RegisterAsync("so", Role.DepartmentStaff, "");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    [Theory]
    [InlineData("officer", "cho tôi biểu đồ tiến độ nộp báo cáo", "bieudo-tiendo-", "Biểu đồ tiến độ nộp báo cáo")]
    [InlineData("so", "biểu đồ tỷ lệ nộp theo xã", "bieudo-xa-", "theo xã/phường")]
    [InlineData("so", "vẽ biểu đồ các chỉ tiêu so với kế hoạch", "bieudo-chitieu-", "chỉ tiêu so với kế hoạch")]
    public async Task A_chart_question_returns_the_png_as_a_file(string user, string question, string filePrefix, string caption)
    {
        var reply = Assert.Single(await chat.SendAsync(user, question));
        Assert.NotNull(reply.File);
        Assert.StartsWith(filePrefix, reply.File!.FileName);
        Assert.EndsWith(".png", reply.File.FileName);
        Assert.Equal("image/png", reply.File.ContentType);
        Assert.Contains(caption, reply.Text);
        ChartRendererTests.AssertPng(reply.File.Content);
    }

    [Fact]
    public async Task A_chart_of_another_commune_or_for_a_focal_point_sends_no_file()
    {
        var other = Assert.Single(await chat.SendAsync("officer", "biểu đồ tiến độ phường Hoa Lư"));
        Assert.Null(other.File);
        Assert.Contains("không xem được", other.Text);

        var own = await chat.SendAsync("fp1", "biểu đồ tiến độ nộp báo cáo");
        Assert.All(own, r => Assert.Null(r.File));
    }
}
