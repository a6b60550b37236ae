using System.Globalization;
using System.Text;
using CsCheck;

namespace DtsAssistant.Reporting.Tests.Input;

/// <summary>
/// VietnameseText folds and normalises from a per-character table and skips ICU for text it cannot change. These tests
/// hold it to the definitions it replaced, written here with ICU normalisation on the whole string: any text of
/// Vietnamese, Latin, combining marks, punctuation, other scripts and emoji folds, normalises and reports diacritics
/// exactly as they do.
/// </summary>
public sealed class VietnameseTextEquivalenceTests
{
    private const string Tones = "\u0300\u0301\u0309\u0303\u0323";

    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.String["aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"],
        Gen.String["AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐEÈÉẺẼẸÊỀẾỂỄỆIOÒÓÔỒỐƠỜỚUÙÚƯỪỨYỲÝ"],
        Gen.String["oauyeqhtn"],                                     // glide pairs: hoà, thuỷ, quý, khoẻ
        Gen.String["\u0300\u0301\u0309\u0303\u0323\u0302\u0306\u031B"], // combining marks, decomposed typing
        Gen.String[" \t\n.,;:!?()/%-–—“”…'\"0123456789"],
        Gen.Char['\u0000', '\u02FF'].Array[1, 6].Select(c => new string(c)),
        Gen.Char['\u0300', '\uD7FF'].Array[1, 3].Select(c => new string(c)), // any BMP character below the surrogates
        Gen.Char['\uE000', '\uFFFD'].Array[1, 3].Select(c => new string(c)),
        Gen.Const("😀👍🏽"),
        Gen.Const("한국어 ᄀ\u1161"));                               // Hangul syllables and conjoining jamo

    private static readonly Gen<string> Text = Piece.Array[0, 12].Select(p => string.Concat(p));

    [Fact]
    public void Fold_and_its_variants_equal_whole_string_icu_folding() =>
        Text.Sample(text =>
        {
            Assert.Equal(ReferenceFold(text, c => char.IsWhiteSpace(c)), VietnameseText.Fold(text));
            Assert.Equal(ReferenceFold(text, c => !char.IsLetterOrDigit(c)), VietnameseText.FoldWords(text));
            Assert.Equal(ReferenceFold(text, c => !char.IsLetterOrDigit(c) && c is not ('%' or '/')), VietnameseText.FoldForMatching(text));
        }, iter: 20_000);

    [Fact]
    public void Normalize_and_diacritics_equal_whole_string_icu_normalisation() =>
        Text.Sample(text =>
        {
            Assert.Equal(ReferenceNormalize(text), VietnameseText.Normalize(text));
            Assert.Equal(text.Normalize(NormalizationForm.FormC), VietnameseText.Nfc(text));
            Assert.Equal(ReferenceHasDiacritics(text), VietnameseText.HasDiacritics(text));
        }, iter: 20_000);

    [Theory]
    [InlineData("Hoà Bình, thuỷ lợi, khoẻ, quý, hoà.", "hòa bình, thủy lợi, khỏe, quý, hòa.")]
    [InlineData("HOÀ", "hòa")]
    [InlineData("hoàn thành", "hoàn thành")]
    [InlineData("ho\u0061\u0300", "hòa")]                             // typed decomposed
    public void Tone_placement_is_unified_on_open_glide_syllables(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Normalize(text));

    [Fact]
    public void Lower_casing_that_makes_a_composable_pair_is_composed_again()
    {
        // No capital "Ϋ" with grave exists, so NFC leaves the pair apart; its lower case "ῢ" is one character.
        Assert.Equal("\u1FE2", VietnameseText.Normalize("\u03AB\u0300"));
        Assert.Equal("\u1FE2".Normalize(NormalizationForm.FormC), ReferenceNormalize("\u03AB\u0300"));
    }

    [Fact]
    public void Lone_surrogates_are_dropped_not_thrown()
    {
        Assert.Equal("ab", VietnameseText.Fold("a\uD83Db"));
        Assert.Equal("ab", VietnameseText.Normalize("a\uDE00b"));
        Assert.False(VietnameseText.HasDiacritics("a\uD83D"));

        // Noncharacters, which ICU refuses to normalise, stay as they are.
        Assert.Equal("a\uFFFE", VietnameseText.Fold("A\uFFFE"));
        Assert.Equal("a\uFFFF", VietnameseText.Normalize("A\uFFFF"));
    }

    // The definitions before the per-character table: ICU on the whole string (lone surrogates are not generated).
    private static string ReferenceFold(string text, Func<char, bool> separates)
    {
        var builder = new StringBuilder();
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (separates(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string ReferenceNormalize(string text)
    {
        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        if (lower.Length < 2)
        {
            return lower;
        }

        var chars = new StringBuilder(lower.Normalize(NormalizationForm.FormD));
        for (var i = 1; i < chars.Length - 1; i++)
        {
            var (first, second, tone) = (chars[i - 1], chars[i], chars[i + 1]);
            if (!Tones.Contains(tone, StringComparison.Ordinal) || (first, second) is not (('o', 'a') or ('o', 'e') or ('u', 'y'))
                || (first == 'u' && i >= 2 && chars[i - 2] == 'q'))
            {
                continue;
            }

            var end = i + 2;
            if (end >= chars.Length || (!char.IsLetter(chars[end]) && CharUnicodeInfo.GetUnicodeCategory(chars[end]) != UnicodeCategory.NonSpacingMark))
            {
                chars[i] = tone;
                chars[i + 1] = second;
            }
        }

        return chars.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool ReferenceHasDiacritics(string text) =>
        text.Normalize(NormalizationForm.FormD).Any(c => c is 'đ' or 'Đ' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);
}
