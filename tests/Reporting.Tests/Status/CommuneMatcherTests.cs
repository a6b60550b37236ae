using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Status;

namespace DtsAssistant.Reporting.Tests.Status;

public sealed class CommuneMatcherTests
{
    private static readonly CommuneInfo[] Communes =
    [
        new(1, "X-VQ", "Xã Vĩnh Quý", false),
        new(2, "X-NHL", "Xã Nam Hoa Lư", false),
        new(3, "P-HL", "Phường Hoa Lư", false),
        new(4, "X-YM", "Xã Yên Mô", false),
        new(5, "X-YMA", "Xã Yên Mạc", false),
        new(6, "MAU-X002", "Xã Gia Phong", true),
        new(7, "X-NAM", "Xã Nam", false),
    ];

    [Theory]
    [InlineData("trường nào ở xã Vĩnh Quý chưa nộp?", "X-VQ")]
    [InlineData("truong nao o xa vinh quy chua nop", "X-VQ")]
    [InlineData("các trường ở Nam Hoa Lư đã nộp chưa", "X-NHL")]
    [InlineData("phường Hoa Lư còn ai chưa nộp tháng 10", "P-HL")]
    [InlineData("xã yên mô quý 3 năm 2025", "X-YM")]
    [InlineData("YÊN MẠC", "X-YMA")]
    [InlineData("/trangthai MAU-X002", "MAU-X002")]
    [InlineData("trạng thái mau-x002", "MAU-X002")]
    [InlineData("xã Nam tháng 11", "X-NAM")]
    public void A_commune_is_found_by_its_name_in_any_accent_form_or_its_code(string text, string code) =>
        Assert.Equal(code, CommuneMatcher.Find(Communes, text).Commune?.Code);

    [Theory]
    [InlineData("những đơn vị nào nộp muộn tháng 10 năm 2025?")]
    [InlineData("báo cáo quý 3")]
    [InlineData("")]
    public void Ordinary_words_are_not_taken_for_a_commune(string text) =>
        Assert.Null(CommuneMatcher.Find(Communes, text).Commune);

    [Fact]
    public void Two_communes_with_the_same_name_are_reported_as_candidates()
    {
        CommuneInfo[] twins = [new(1, "A", "Xã An Bình", false), new(2, "B", "Phường An Bình", false)];

        var match = CommuneMatcher.Find(twins, "an bình chưa nộp");

        Assert.Null(match.Commune);
        Assert.Equal(2, match.Candidates.Count);
    }
}
