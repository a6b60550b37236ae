using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Tests;

public sealed class AnalyzerTests
{
    private static readonly Glossary TestGlossary = new([new GlossaryEntry("CKS", "chữ ký số"), new GlossaryEntry("AI", "trí tuệ nhân tạo")]);

    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("Thuỷ", "thủy")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("HOÀ BÌNH", "hòa bình")]
    [InlineData("quý", "quý")]
    [InlineData("hoặc", "hoặc")]
    [InlineData("hoàn thành", "hoàn thành")]
    public void Old_and_new_tone_placement_normalise_to_one_form(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.Normalize(input));

    [Fact]
    public void Decomposed_input_is_composed_before_matching() =>
        Assert.Equal("hòa", VietnameseText.Normalize("ho\u0061\u0300".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void Folding_removes_every_diacritic_including_d_bar() =>
        Assert.Equal("dao tao chuyen doi so", VietnameseText.NormalizeAndFold("Đào tạo chuyển đổi số"));

    [Fact]
    public void Eval_folding_keeps_only_letters_digits_percent_and_slash() =>
        Assert.Equal("phong cong tac hoc sinh sinh vien 50% forms gle/7afs", VietnameseText.FoldForMatching("Phòng Công tác học sinh, sinh viên — 50%; forms.gle/7AFs"));

    [Fact]
    public void Text_typed_without_accents_finds_the_accented_passage()
    {
        var (index, analyzer) = Build("Hạn nộp báo cáo tháng là trước ngày 20.", "Thời tiết hôm nay đẹp.");
        var hits = index.Search(analyzer.AnalyzeQuery("han nop bao cao thang").Terms, 2);
        Assert.Equal(0, hits[0].Document);
    }

    [Fact]
    public void Accented_match_ranks_above_a_match_that_only_agrees_without_accents()
    {
        var (index, analyzer) = Build("Bàn làm việc của giáo viên.", "Ban hành kế hoạch của giáo viên.");
        var hits = index.Search(analyzer.AnalyzeQuery("bàn giáo viên").Terms, 2);
        Assert.Equal(0, hits[0].Document);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void Multi_syllable_words_match_as_words_through_bigrams()
    {
        var (index, analyzer) = Build("Học sinh được trang bị kỹ năng số.", "Số học sinh và kỹ năng của sinh viên.");
        var hits = index.Search(analyzer.AnalyzeQuery("kỹ năng số").Terms, 2);
        Assert.Equal(0, hits[0].Document);
    }

    [Fact]
    public void An_abbreviation_in_the_question_finds_the_spelled_out_phrase()
    {
        var (index, analyzer) = Build("Giáo viên được cấp chứng thư chữ ký số.", "Giáo viên dạy học trực tuyến.");
        var hits = index.Search(analyzer.AnalyzeQuery("Tỷ lệ GV có CKS?").Terms, 2);
        Assert.Equal(0, hits[0].Document);
    }

    [Fact]
    public void The_spelled_out_phrase_finds_a_passage_that_uses_the_abbreviation()
    {
        var analyzer = new VietnameseAnalyzer(TestGlossary);
        Assert.Contains("u:cks", analyzer.AnalyzeQuery("chữ ký số của giáo viên").Terms.Keys);
    }

    [Fact]
    public void A_lower_case_word_that_is_also_an_abbreviation_is_not_expanded()
    {
        var analyzer = new VietnameseAnalyzer(TestGlossary);
        Assert.DoesNotContain("u:tue", analyzer.AnalyzeQuery("ai chủ trì").Terms.Keys);
        Assert.Contains("u:tue", analyzer.AnalyzeQuery("ứng dụng AI").Terms.Keys);
    }

    [Fact]
    public void A_loanword_the_glossary_writes_in_lower_case_is_expanded_as_typed()
    {
        var analyzer = new VietnameseAnalyzer(new Glossary([new GlossaryEntry("backup", "sao lưu"), new GlossaryEntry("LAN", "mạng nội bộ")]));
        Assert.Contains("u:sao", analyzer.AnalyzeQuery("có cần backup không").Terms.Keys);
        Assert.DoesNotContain("u:mang", analyzer.AnalyzeQuery("lan truyền thông tin").Terms.Keys);
    }

    [Theory]
    [InlineData("Sao lưu bao lâu một lần thì đủ?")]
    [InlineData("đổi mật khẩu mấy lần")]
    [InlineData("cập nhật bao nhiêu lần")]
    public void How_often_words_are_not_content(string question) =>
        Assert.DoesNotContain("lan", new VietnameseAnalyzer(Glossary.Empty).AnalyzeQuery(question).ContentWords);

    [Fact]
    public void Question_words_are_not_content()
    {
        var analysis = new VietnameseAnalyzer(Glossary.Empty).AnalyzeQuery("Ad ơi cho em hỏi tỷ lệ bao nhiêu ạ?");
        Assert.Empty(analysis.ContentWords);
    }

    [Fact]
    public void Sparse_vectors_with_engine_side_idf_reproduce_the_embedded_scores()
    {
        string[] texts = ["Phòng Tài chính chủ trì chỉ tiêu thanh toán không dùng tiền mặt.", "Phòng Công tác học sinh, sinh viên chủ trì học bạ số.", "Mật khẩu có độ phức tạp cần thiết."];
        var (index, analyzer) = Build(texts);
        const string question = "ai chủ trì thanh toán không dùng tiền mặt";
        var query = analyzer.ToQueryVector(question);
        var documents = texts.Select(t => analyzer.ToDocumentVector(t, index.AverageDocumentLength)).ToList();

        // What Qdrant computes with Modifier.Idf: Σ idf(term) · query value · document value.
        double EngineScore(SparseTermVector doc)
        {
            double score = 0;
            for (var i = 0; i < query.Indices.Count; i++)
            {
                var at = doc.Indices.ToList().IndexOf(query.Indices[i]);
                if (at >= 0)
                {
                    var containing = documents.Count(d => d.Indices.Contains(query.Indices[i]));
                    score += VietnameseAnalyzer.InverseDocumentFrequency(documents.Count, containing) * query.Values[i] * doc.Values[at];
                }
            }

            return score;
        }

        var embedded = index.Search(analyzer.AnalyzeQuery(question).Terms, 3);
        foreach (var (document, score) in embedded)
        {
            Assert.Equal(score, EngineScore(documents[document]), 3);
        }
    }

    private static (InvertedIndex Index, VietnameseAnalyzer Analyzer) Build(params string[] texts)
    {
        var analyzer = new VietnameseAnalyzer(TestGlossary);
        var index = InvertedIndex.Build(texts.Select(t => ((IReadOnlyList<string>)analyzer.DocumentTerms(t), analyzer.DocumentLength(t))).ToList());
        return (index, analyzer);
    }
}
