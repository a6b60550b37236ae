using DtsAssistant.Knowledge.Evaluation;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>The pass rule of shared/eval/README.md as implemented once in <see cref="EvalScorer"/>.</summary>
public sealed class EvalScorerTests
{
    private static EvalQuestion Q(string json) => EvalQuestion.Parse(json);

    private static bool Passes(string json, string answer, bool found = true) => EvalScorer.Score(Q(json), answer, found).Passed;

    [Fact]
    public void Folding_is_NFC_lower_case_without_diacritics_and_keeps_only_letters_digits_percent_and_slash()
    {
        // "ệ" typed as e + two combining marks (NFD) folds like the precomposed letter.
        Assert.Equal("phong cong tac hoc sinh sinh vien 50% forms gle/7afs", EvalText.Fold("Phòng Công tác học sinh, sinh viên — 50%; forms.gle/7AFs"));
        Assert.Equal("dien tu", EvalText.Fold("ĐIỆN   tử!!"));
        Assert.Equal(EvalText.Fold("Điện tử"), EvalText.Fold("Đie\u0323\u0302n tu\u031B\u0309"));
    }

    [Fact]
    public void Expected_phrases_are_compared_folded_so_accents_case_and_punctuation_do_not_matter()
    {
        const string line = """{"id":"x","kind":"who","question":"q","expect_all":["Phòng Công tác học sinh, sinh viên"]}""";
        Assert.True(Passes(line, "PHONG CONG TAC HOC SINH - SINH VIEN chủ trì."));
        Assert.False(Passes(line, "Phòng Công tác học sinh chủ trì."));
    }

    [Theory]
    [InlineData("Tôi chưa tìm thấy; tôi trả lời về thời hạn.", false)] // "hỏi" folds to "hoi", a piece of "thoi"
    [InlineData("Bạn cứ hỏi nhé.", true)]
    [InlineData("Bạn cứ hỏi.", true)]
    public void An_expected_phrase_counts_only_as_whole_words(string answer, bool passes) =>
        Assert.Equal(passes, Passes("""{"id":"x","kind":"smalltalk","question":"alo","expect_any":["hỏi"]}""", answer));

    [Theory]
    [InlineData("Thời hạn: 31/12/2025.", "12/2025", true)] // '/' separates, so the month/year inside a full date counts
    [InlineData("Nộp trước ngày 20/12/2025.", "20", true)]
    [InlineData("Năm 2025.", "20", false)] // a digit follows
    [InlineData("Đạt 150% kế hoạch.", "50%", false)] // a digit precedes
    [InlineData("Đạt 50%.", "50%", true)]
    public void Numbers_match_only_where_no_letter_or_digit_touches_them(string answer, string expected, bool passes) =>
        Assert.Equal(passes, Passes($$"""{"id":"x","kind":"target","question":"q","expect_all":["{{expected}}"]}""", answer));

    [Fact]
    public void Every_expect_all_phrase_and_one_expect_any_phrase_are_needed()
    {
        const string line = """{"id":"x","kind":"deadline","question":"q","expect_all":["20"],"expect_any":["hằng tháng","mỗi tháng"]}""";
        Assert.True(Passes(line, "Trước ngày 20 hàng tháng, tức mỗi tháng một lần."));
        Assert.False(Passes(line, "Trước ngày 20 của tháng cuối quý."));
        Assert.False(Passes(line, "Hằng tháng, trước ngày 25."));
    }

    [Fact]
    public void A_phrase_of_expect_none_fails_the_answer_even_when_everything_else_matches()
    {
        const string line = """{"id":"x","kind":"smalltalk","question":"alo","expect_any":["chào","giúp","hỏi"],"expect_none":["chưa tìm thấy"]}""";
        Assert.False(Passes(line, "Xin chào! Tôi chưa tìm thấy nội dung này.", found: false));
        Assert.True(Passes(line, "Xin chào! Tôi có thể giúp gì?", found: false));
        var verdict = EvalScorer.Score(Q(line), "Chào bạn, tôi chưa tìm thấy.", true);
        Assert.Equal("không được có \"chưa tìm thấy\"", verdict.Reason);
    }

    [Fact]
    public void Found_must_be_true_except_for_small_talk()
    {
        const string who = """{"id":"x","kind":"who","question":"q","expect_all":["Phòng Tài chính"]}""";
        Assert.True(Passes(who, "Phòng Tài chính chủ trì.", found: true));
        Assert.False(Passes(who, "Phòng Tài chính chủ trì.", found: false));
        const string talk = """{"id":"x","kind":"smalltalk","question":"q","expect_any":["chào"]}""";
        Assert.True(Passes(talk, "Chào bạn.", found: false));
        Assert.True(Passes(talk, "Chào bạn.", found: true));
    }

    [Fact]
    public void Expect_not_found_needs_found_false_and_nothing_else()
    {
        const string line = """{"id":"x","kind":"out_of_scope","question":"q","expect_not_found":true}""";
        Assert.True(Passes(line, "Tôi chưa tìm thấy nội dung này.", found: false));
        Assert.True(Passes(line, "Bất kỳ câu nào.", found: false));
        Assert.False(Passes(line, "Tôi chưa tìm thấy nội dung này.", found: true));
    }

    [Fact]
    public void Unreadable_lines_are_failures_with_their_line_number_and_blank_lines_are_skipped()
    {
        var entries = EvalQuestionFile.Parse([
            """{"id":"a","kind":"who","question":"Ai?","expect_all":["Phòng"]}""",
            "",
            "{không phải json",
            """{"id":"c","kind":"who","expect_all":["Phòng"]}""",
            """{"id":"d","kind":"who","question":"Ai?","expect_all":["..."]}""",
            """{"id":"e","kind":"who","question":"Ai?","expect_any":"Phòng"}""",
        ]);

        Assert.Equal([1, 3, 4, 5, 6], entries.Select(e => e.LineNumber));
        Assert.NotNull(entries[0].Question);
        Assert.All(entries.Skip(1), e => Assert.Null(e.Question));
        Assert.Contains("question", entries[2].Error, StringComparison.Ordinal);
        Assert.Contains("rỗng", entries[3].Error, StringComparison.Ordinal); // a phrase that folds to nothing would match everything
        Assert.Contains("mảng", entries[4].Error, StringComparison.Ordinal);

        var run = EvalRun.Run(entries, q => new Answering.KnowledgeAnswer("Phòng Tài chính.", true, []));
        Assert.Equal("1 passed, 4 failed", run.Summary);
    }
}
