using CsCheck;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Reporting.Tests.Input;

/// <summary>
/// Property tests (CsCheck): whatever people type — digits of other scripts, 35-digit numbers, separators, emoji,
/// control and zero-width characters, Vietnamese number words — the parsers answer, and never throw.
/// </summary>
public sealed class ParserPropertyTests
{
    /// <summary>Pieces of chat input, weighted towards the ones that have broken parsers before.</summary>
    internal static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Char['0', '9'].Array[1, 4].Select(c => new string(c)),
        Gen.Char['0', '9'].Array[20, 40].Select(c => new string(c)),
        Gen.Char['\u0660', '\u0669'].Array[1, 4].Select(c => new string(c)),   // Arabic-Indic digits
        Gen.Char['\u06F0', '\u06F9'].Array[1, 4].Select(c => new string(c)),   // Extended Arabic-Indic
        Gen.Char['\uFF10', '\uFF19'].Array[1, 4].Select(c => new string(c)),   // full-width digits
        Gen.Char['\u0966', '\u096F'].Array[1, 3].Select(c => new string(c)),   // Devanagari digits
        Gen.OneOf(".", ",", "/", "%", "-", " ", "\u00A0", " phần trăm", " trên ", "\u200B", "\u0001", "\u0301", "💥", "ﬁ", "\uFE52"),
        Gen.OneOf("một", "hai", "ba", "bốn", "lăm", "mười", "mươi", "trăm", "nghìn", "triệu", "linh", "tư", "có", "không", "rồi", "chưa", "đã", "khác"),
        Gen.Char.Array[1, 3].Select(c => new string(c)));

    internal static readonly Gen<string> Input = Piece.Array[0, 8].Select(string.Concat);

    private static readonly AnswerChoice[] Choices =
    [
        new("co", "Có"), new("chua", "Chưa", ["chưa có"]), new("dang_trien_khai", "Đang triển khai"), new("khac", "Khác"),
    ];

    private static readonly AnswerSpec[] Specs =
    [
        new(QuestionType.YesNo),
        new(QuestionType.Integer, Min: 0, Max: 100_000),
        new(QuestionType.Integer, Min: 0, Max: 500, Total: 600),
        new(QuestionType.Integer),
        new(QuestionType.Percentage, Min: 0, Max: 100),
        new(QuestionType.Choice, Choices),
        new(QuestionType.MultiChoice, Choices, AllowOther: true),
        new(QuestionType.Text, MaxTextLength: 50),
    ];

    [Fact]
    public void The_answer_parser_never_throws_and_every_refusal_says_why_in_Vietnamese() =>
        Gen.Select(Gen.Int[0, Specs.Length - 1], Input).Sample((i, text) =>
        {
            var parsed = AnswerParser.Parse(Specs[i], text);
            if (parsed.Ok)
            {
                return parsed.Value is not null && (Specs[i].Type != QuestionType.Integer || WithinBounds(Specs[i], parsed.Value));
            }
            return !string.IsNullOrWhiteSpace(parsed.Error);
        }, iter: 20_000);

    [Fact]
    public void Reading_numbers_never_throws() =>
        Input.Sample(text => { VietnameseNumbers.Read(text); }, iter: 20_000);

    [Fact]
    public void Digits_of_other_scripts_alone_never_read_as_a_number() =>
        Gen.OneOf(Gen.Char['\u0660', '\u0669'], Gen.Char['\u06F0', '\u06F9'], Gen.Char['\uFF10', '\uFF19'], Gen.Char['\u0966', '\u096F'])
            .Array[1, 12].Select(c => new string(c))
            .Sample(text => VietnameseNumbers.Read(text).Kind is not (NumberKind.Number or NumberKind.Percent or NumberKind.Fraction), iter: 5_000);

    [Theory]
    [InlineData("٣٤")]
    [InlineData("۳۴")]
    [InlineData("３４")]
    [InlineData("१२")]
    [InlineData("12345678901234567890123456789012345")]
    [InlineData("-99999999999999999999999999999999999")]
    [InlineData("99999999999999999999999999999/3")]
    [InlineData("1.234.567.890.123.456.789.012.345.678")]
    [InlineData("45/99999999999999999999999999999999")]
    [InlineData("5160639254412097532141575172/6")]
    [InlineData("-5160639254412097532141575172/6")]
    public void Foreign_digits_and_huge_numbers_are_invalid_input_with_a_reason(string typed)
    {
        foreach (var spec in Specs.Where(s => s.Type is QuestionType.Integer or QuestionType.Percentage))
        {
            var parsed = AnswerParser.Parse(spec, typed);

            Assert.False(parsed.Ok, $"{spec.Type} accepted '{typed}' as {parsed.Value}");
            Assert.Matches("[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịóòỏõọúùủũụý]", parsed.Error!);
        }
    }

    private static bool WithinBounds(AnswerSpec spec, string value) =>
        long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && (spec.Min is not { } min || n >= min) && (spec.Max is not { } max || n <= max);
}
