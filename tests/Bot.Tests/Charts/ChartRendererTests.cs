using System.Buffers.Binary;
using DtsAssistant.Bot.Charts;
using DtsAssistant.Bot.Tests.Dashboard;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace DtsAssistant.Bot.Tests.Charts;

/// <summary>
/// The three charts drawn from the real status service over the sample directory and two months of sample filings
/// (real SQLite, fake clock at 29/11/2026): each is a valid PNG of the stated size with drawn content, and the font
/// used has every glyph of the Vietnamese labels.
/// </summary>
public sealed class ChartRendererTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly Period November = Period.Month(2026, 11);

    [Theory]
    [InlineData(ChartKind.Progress)]
    [InlineData(ChartKind.Communes)]
    [InlineData(ChartKind.Indicators)]
    public async Task Each_chart_is_a_valid_png_with_drawn_content_for_the_whole_province(ChartKind kind)
    {
        var (_, staff) = await fixture.PersonAsync(Role.DepartmentStaff, "");
        var chart = await Service().RenderAsync(staff, kind, November);

        var (width, height) = AssertPng(chart.Png);
        Assert.Equal(ChartRenderer.Width, width);
        Assert.True(height >= ChartRenderer.Height, $"height {height}");
        Assert.Equal($"bieudo-{ChartService.Slug(kind)}-2026-11.png", chart.FileName);
    }

    [Fact]
    public async Task A_commune_officer_gets_the_commune_chart_and_a_chart_outside_the_scope_is_refused()
    {
        var (_, officer) = await fixture.PersonAsync(Role.CommuneOfficer, DashboardFixture.CommuneA);
        var own = await Service().RenderAsync(officer, ChartKind.Progress, November, DashboardFixture.CommuneA);
        AssertPng(own.Png);
        Assert.EndsWith("-" + DashboardFixture.CommuneA + ".png", own.FileName);

        await Assert.ThrowsAsync<ReportingAccessDeniedException>(
            () => Service().RenderAsync(officer, ChartKind.Communes, November, DashboardFixture.CommuneB));
    }

    [Fact]
    public async Task The_commune_chart_differs_when_the_figures_differ()
    {
        var (_, staff) = await fixture.PersonAsync(Role.DepartmentStaff, "");
        var a = await Service().RenderAsync(staff, ChartKind.Communes, November);
        var b = await Service().RenderAsync(staff, ChartKind.Communes, November.Previous().Previous().Previous());
        Assert.NotEqual(a.Png, b.Png);
    }

    [Theory]
    [InlineData("Tiến độ nộp báo cáo tháng 11/2026 — toàn tỉnh")]
    [InlineData("Tỷ lệ nộp báo cáo theo xã/phường; Hạn chót; Số đơn vị đã nộp")]
    [InlineData("Chỉ tiêu so với kế hoạch; nét đứt: chỉ tiêu kế hoạch; Giáo viên được cấp chữ ký số")]
    // Not disposed: ScottPlot caches its typefaces.
    public void The_chart_font_has_every_glyph_of_the_vietnamese_labels(string label)
    {
        Assert.NotNull(ChartRenderer.Font);
        var typeface = ScottPlot.Fonts.GetTypeface(ChartRenderer.Font!, false, false);
        var missing = label.Where(c => !char.IsWhiteSpace(c) && !typeface.ContainsGlyphs(c.ToString())).ToList();
        Assert.Empty(missing);
    }

    private ChartService Service() => ActivatorUtilities.CreateInstance<ChartService>(fixture.Host.Services);

    /// <summary>Checks the PNG signature and header, decodes it, and checks it is not a blank canvas.</summary>
    internal static (int Width, int Height) AssertPng(byte[] png)
    {
        Assert.True(png.Length > 10_000, $"only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 7)
        {
            for (var x = 0; x < bitmap.Width; x += 7)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 20, $"only {colours.Count} colours: nearly blank");
        return (width, height);
    }
}
