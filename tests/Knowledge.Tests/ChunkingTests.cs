using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Tests;

public sealed class ChunkingTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>
{
    private IEnumerable<KnowledgeChunk> Rows(string table) =>
        kb.Index.Chunks.Where(c => c.Row is not null && c.Row.Table == table && c.Document.Authority == Authority.Verbatim);

    [Fact]
    public void Every_appendix_row_becomes_one_record()
    {
        Assert.Equal(Enumerable.Range(1, 11).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), Rows("Phụ lục 1").Select(c => c.Row!.Number));
        Assert.Equal(14, Rows("Phụ lục 2").Count());
    }

    [Fact]
    public void Row_cells_carry_the_meaning_of_their_column()
    {
        var row = Rows("Phụ lục 1").Single(c => c.Row!.Number == "10").Row!;
        Assert.Equal("Phòng Tài chính", row.Cell(ColumnRole.Lead)!.Value);
        Assert.Equal("Tháng 11/2025", row.Cell(ColumnRole.Deadline)!.Value);
        Assert.StartsWith("100% các cơ sở giáo dục công lập", row.Cell(ColumnRole.Subject)!.Value, StringComparison.Ordinal);
        Assert.Contains("UBND các xã phường", row.Cell(ColumnRole.Partners)!.Value, StringComparison.Ordinal);
        Assert.Equal("chỉ tiêu", row.ItemLabel);
    }

    [Fact]
    public void Rows_that_wrapped_across_a_page_break_are_joined()
    {
        var four = Rows("Phụ lục 1").Single(c => c.Row!.Number == "4").Row!;
        Assert.EndsWith("có hiểu biết về chuyển đổi số, kiến thức và kỹ năng số, sử dụng được các nền tảng, dịch vụ số phục vụ công việc", four.Cell(ColumnRole.Subject)!.Value, StringComparison.Ordinal);
        Assert.Equal("Tháng 12/2025", four.Cell(ColumnRole.Deadline)!.Value);

        var nine = Rows("Phụ lục 1").Single(c => c.Row!.Number == "9").Row!;
        Assert.Equal("Phòng Công tác học sinh, sinh viên; UBND các xã phường; Các cơ sở giáo dục phổ thông", nine.Cell(ColumnRole.Partners)!.Value);

        var six = Rows("Phụ lục 2").Single(c => c.Row!.Number == "6").Row!;
        Assert.Equal("Phòng GDMN, GDTH, GDTrH, GDNN&GDTX, QLCL", six.Cell(ColumnRole.Partners)!.Value);
        Assert.Equal("nhiệm vụ", six.ItemLabel);
    }

    [Fact]
    public void Rows_are_cited_by_table_and_item_number() =>
        Assert.Contains(kb.Index.Chunks, c => c.Section == "Phụ lục 2, nhiệm vụ 9" && c.Text.Contains("Văn bằng số", StringComparison.Ordinal));

    [Theory]
    [InlineData("mục I.2.5", "chứng thư chữ ký số")]
    [InlineData("mục II.2", "độ phức tạp cần thiết")]
    [InlineData("mục V.3", "hằng tháng (trước ngày 20)")]
    [InlineData("chú thích 2", "4725/QĐ-BGDĐT")]
    public void Headings_and_numbered_items_keep_their_path(string section, string words) =>
        Assert.Contains(kb.Index.Chunks, c => c.Section == section && c.Text.Contains(words, StringComparison.Ordinal));

    [Fact]
    public void A_sentence_split_by_a_page_break_and_footnote_is_one_passage() =>
        Assert.Contains(kb.Index.Chunks, c => c.Text.Contains("đặt mật khẩu có độ phức tạp cần thiết, thường xuyên phải thay đổi mật khẩu", StringComparison.Ordinal));

    [Fact]
    public void Guideline_parts_keep_the_authority_their_source_gives_them()
    {
        var tt02 = kb.Index.Chunks.Where(c => c.Document.Number == "02/2025/TT-BGDĐT").ToList();
        Assert.Contains(tt02, c => c.Authority == Authority.Excerpt && c.Text.Contains("Điều 1", StringComparison.Ordinal));
        Assert.Contains(tt02, c => c.Authority == Authority.Summary && c.Text.Contains("6 miền năng lực", StringComparison.Ordinal));
        Assert.All(kb.Index.Chunks.Where(c => c.Document.Id.StartsWith("ke-hoach", StringComparison.Ordinal)), c => Assert.Equal(Authority.Verbatim, c.Authority));
    }

    [Fact]
    public void Every_guideline_keeps_its_provenance() =>
        Assert.All(kb.Index.Documents.Where(d => d.Authority != Authority.Verbatim), d =>
        {
            Assert.NotEmpty(d.Source);
            Assert.NotEmpty(d.Completeness);
        });
}
