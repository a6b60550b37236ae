using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Reporting.Tests.Input;

/// <summary>The shared Vietnamese text and calendar helpers (DtsAssistant.Text) as reporting and knowledge use them.</summary>
public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("  Trường THCS  Đông\tHòa ", "truong thcs dong hoa")]
    [InlineData("ĐỒNG ý", "dong y")]
    [InlineData(null, "")]
    public void Fold_drops_case_diacritics_and_extra_spaces(string? text, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(text));

    [Fact]
    public void Folded_words_and_the_matching_form_differ_only_in_percent_and_slash()
    {
        Assert.Equal("dat 80 40 45", VietnameseText.FoldWords("Đạt 80%, (40/45)."));
        Assert.Equal("dat 80% 40/45", VietnameseText.FoldForMatching("Đạt 80%, (40/45)."));
        Assert.Equal(["dat", "80", "40", "45"], VietnameseText.Words("Đạt 80%, (40/45)."));
    }

    [Fact]
    public void Aligned_folding_keeps_length_and_case_so_positions_map_back()
    {
        var text = VietnameseText.Normalize("Thuỷ Điện");
        var aligned = VietnameseText.FoldAligned("Thủy Điện");

        Assert.Equal("thủy điện", text);
        Assert.Equal("Thuy Dien", aligned);
        Assert.True(VietnameseText.HasDiacritics("hòa"));
        Assert.False(VietnameseText.HasDiacritics("hoa"));
    }

    [Fact]
    public void Vietnam_today_turns_at_local_midnight_not_utc_midnight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 19, 16, 59, 59, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2025, 11, 19), VietnamTime.Today(clock));

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new DateOnly(2025, 11, 20), VietnamTime.Today(clock));
        Assert.Equal(VietnamTime.StartOfDay(2025, 11, 20), VietnamTime.Now(clock));
        Assert.Equal("1.234.567", 1234567L.ToString("#,0", VietnameseCulture.Instance));
    }
}
