using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Reporting.Tests.Input;

public sealed class AnswerParserTests
{
    private static readonly AnswerSpec YesNo = new(QuestionType.YesNo);
    private static readonly AnswerSpec Count = new(QuestionType.Integer, Min: 0);
    private static readonly AnswerSpec Percentage = new(QuestionType.Percentage);

    private static readonly AnswerSpec Ipv6 = new(QuestionType.Choice,
    [
        new("hoan_thanh", "Đã hoàn thành"),
        new("dang_trien_khai", "Đang triển khai"),
        new("chua", "Chưa"),
    ]);

    private static readonly AnswerSpec Software = new(QuestionType.MultiChoice,
    [
        new("vnedu", "VnEdu"),
        new("smas", "SMAS"),
        new("lms", "Hệ thống LMS"),
    ], AllowOther: true);

    [Theory]
    [InlineData("có", "true")]
    [InlineData("Rồi ạ", "true")]
    [InlineData("đã", "true")]
    [InlineData("OK", "true")]
    [InlineData("co", "true")]
    [InlineData("dạ có", "true")]
    [InlineData("không", "false")]
    [InlineData("chưa", "false")]
    [InlineData("chua co", "false")]
    [InlineData("ko", "false")]
    [InlineData("Chưa có ạ", "false")]
    public void Yes_and_no_are_understood_as_people_type_them(string typed, string expected)
    {
        var result = AnswerParser.Parse(YesNo, typed);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("có lẽ vậy")]
    [InlineData("có thể")]
    [InlineData("không biết")]
    [InlineData("45")]
    [InlineData("abc")]
    public void Unclear_yes_no_answers_get_an_example(string typed)
    {
        var result = AnswerParser.Parse(YesNo, typed);
        Assert.False(result.Ok);
        Assert.Contains("ví dụ", result.Error);
    }

    [Theory]
    [InlineData("45", 45)]
    [InlineData("1.234", 1234)]
    [InlineData("1,234", 1234)]
    [InlineData("1 234", 1234)]
    [InlineData("12.345.678", 12345678)]
    [InlineData("45 người", 45)]
    [InlineData("khoảng 30 ạ", 30)]
    [InlineData("0", 0)]
    [InlineData("bốn lăm", 45)]
    [InlineData("bon lam", 45)]
    [InlineData("mười hai", 12)]
    [InlineData("mười", 10)]
    [InlineData("hai mươi mốt", 21)]
    [InlineData("hai mươi tư", 24)]
    [InlineData("ba mươi", 30)]
    [InlineData("không", 0)]
    [InlineData("một trăm linh năm", 105)]
    [InlineData("một trăm hai", 120)]
    [InlineData("hai trăm ba mươi lăm", 235)]
    [InlineData("một nghìn hai trăm", 1200)]
    [InlineData("hai nghìn", 2000)]
    [InlineData("hai ngàn tư", 2400)]
    public void Counts_are_read_from_digits_and_words(string typed, long expected)
    {
        var result = AnswerParser.Parse(Count, typed);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Value);
    }

    [Theory]
    [InlineData("-5", "âm")]
    [InlineData("1,5", "số nguyên")]
    [InlineData("45 hay 50", "một số")]
    [InlineData("nhiều lắm", "ví dụ: 45")]
    [InlineData("80%", "tỷ lệ")]
    [InlineData("1.2.3.4", "ví dụ")]
    public void Bad_counts_say_what_is_expected(string typed, string expectedFragment)
    {
        var result = AnswerParser.Parse(Count, typed);
        Assert.False(result.Ok);
        Assert.Contains(expectedFragment, result.Error);
        Assert.Contains("ví dụ", result.Error);
    }

    [Theory]
    [InlineData("45/60", 45)]
    [InlineData("80%", 48)]
    [InlineData("80 phần trăm", 48)]
    [InlineData("60", 60)]
    public void A_count_within_a_known_total_accepts_fractions_and_percentages(string typed, long expected)
    {
        var spec = Count with { Total = 60 };
        var result = AnswerParser.Parse(spec, typed);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Value);
    }

    [Theory]
    [InlineData("61", "lớn hơn tổng số")]
    [InlineData("45/50", "không phải 50")]
    [InlineData("120%", "100%")]
    public void A_count_above_its_total_is_refused(string typed, string expectedFragment)
    {
        var result = AnswerParser.Parse(Count with { Total = 60 }, typed);
        Assert.False(result.Ok);
        Assert.Contains(expectedFragment, result.Error);
    }

    [Fact]
    public void A_positive_count_refuses_zero()
    {
        var result = AnswerParser.Parse(Count with { Min = 1 }, "0");
        Assert.False(result.Ok);
        Assert.Contains("từ 1 trở lên", result.Error);
    }

    [Theory]
    [InlineData("80%", "80")]
    [InlineData("80,5%", "80.5")]
    [InlineData("80", "80")]
    [InlineData("45/60", "75")]
    [InlineData("1/3", "33.33")]
    [InlineData("tám mươi phần trăm", "80")]
    public void Percentages_are_read_from_percent_signs_fractions_and_words(string typed, string expected)
    {
        var result = AnswerParser.Parse(Percentage, typed);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("150%")]
    [InlineData("5/0")]
    [InlineData("nhiều")]
    public void Bad_percentages_are_refused_with_an_example(string typed)
    {
        var result = AnswerParser.Parse(Percentage, typed);
        Assert.False(result.Ok);
        Assert.Contains("ví dụ: 80%", result.Error);
    }

    [Theory]
    [InlineData("1", "hoan_thanh")]
    [InlineData("đang triển khai", "dang_trien_khai")]
    [InlineData("dang trien khai", "dang_trien_khai")]
    [InlineData("đang", "dang_trien_khai")]
    [InlineData("hoàn thành rồi", "hoan_thanh")]
    [InlineData("rồi", "hoan_thanh")]
    [InlineData("chưa", "chua")]
    [InlineData("chua lam", "chua")]
    [InlineData("dang_trien_khai", "dang_trien_khai")]
    public void Choices_match_by_number_label_words_or_yes_no(string typed, string expectedKey)
    {
        var result = AnswerParser.Parse(Ipv6, typed);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(expectedKey, result.Value);
    }

    [Fact]
    public void Choices_match_their_synonyms()
    {
        var spec = new AnswerSpec(QuestionType.Choice, [new("toan_bo", "Toàn bộ", ["tất cả", "hết"]), new("chua", "Chưa", ["không"])]);
        Assert.Equal("toan_bo", AnswerParser.Parse(spec, "tat ca").Value);
        Assert.Equal("chua", AnswerParser.Parse(spec, "Không").Value);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("có thể")]
    [InlineData("xyz")]
    public void Unknown_choices_list_the_options(string typed)
    {
        var result = AnswerParser.Parse(Ipv6, typed);
        Assert.False(result.Ok);
        Assert.Contains("1. Đã hoàn thành", result.Error);
        Assert.Contains("3. Chưa", result.Error);
    }

    [Fact]
    public void Several_choices_and_other_software_are_kept()
    {
        var result = AnswerParser.Parse(Software, "vnedu, SMAS và Google Classroom");
        Assert.True(result.Ok, result.Error);
        Assert.Equal("vnedu;smas;Google Classroom", result.Value);
        Assert.Equal("VnEdu, SMAS, Google Classroom", result.Display);
    }

    [Fact]
    public void Multi_choice_without_other_refuses_unknown_items()
    {
        var result = AnswerParser.Parse(Software with { AllowOther = false }, "1, zalo");
        Assert.False(result.Ok);
        Assert.Contains("zalo", result.Error);
    }

    [Fact]
    public void Text_answers_are_kept_and_length_limited()
    {
        Assert.Equal("Thiếu máy tính", AnswerParser.Parse(new AnswerSpec(QuestionType.Text), "  Thiếu máy tính ").Value);
        var tooLong = AnswerParser.Parse(new AnswerSpec(QuestionType.Text, MaxTextLength: 10), new string('a', 11));
        Assert.False(tooLong.Ok);
    }

    [Fact]
    public void Empty_answers_are_refused_for_every_type()
    {
        foreach (var type in Enum.GetValues<QuestionType>())
        {
            Assert.False(AnswerParser.Parse(new AnswerSpec(type), "  ").Ok);
        }
    }

    [Theory]
    [InlineData("Hòa", "hoa")]
    [InlineData("hoà", "hoa")]
    [InlineData("Thủy  ĐỨC", "thuy duc")]
    public void Folding_ignores_diacritics_case_and_tone_placement(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(text));
}
