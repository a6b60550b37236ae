using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace DtsAssistant.Knowledge.Tests;

/// <summary>Documents dropped into the knowledge-base folder as .docx or .pdf are indexed, also while running.</summary>
public sealed class IngestionTests(KnowledgeBaseFixture kb) : IClassFixture<KnowledgeBaseFixture>, IDisposable
{
    private readonly string _folder = CopyOfKnowledgeBase(kb.Folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_docx_with_headings_and_a_table_is_ingested()
    {
        WriteDocx(Path.Combine(_folder, "cong-van-thu-nghiem.docx"));
        var index = KnowledgeIndex.Load(_folder);

        var chunks = index.Chunks.Where(c => c.Document.Id == "cong-van-thu-nghiem").ToList();
        Assert.Equal("99/SGDĐT-TN", chunks[0].Document.Number);
        Assert.Contains(chunks, c => c.Text.Contains("sao lưu dữ liệu học bạ mỗi tuần", StringComparison.Ordinal) && c.Section.EndsWith("mục 1", StringComparison.Ordinal));
        var row = Assert.Single(chunks, c => c.Row is not null).Row!;
        Assert.Equal("Phòng Thử nghiệm", row.Cell(Chunking.ColumnRole.Lead)!.Value);

        var answer = new Answering.AnswerComposer(index, new DateOnly(2025, 12, 1)).Answer("Ai chủ trì kiểm thử máy chủ dự phòng?");
        Assert.StartsWith("Phòng Thử nghiệm chủ trì", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_is_ingested_as_text()
    {
        WritePdf(Path.Combine(_folder, "thong-bao.pdf"), "Thong bao: kiem tra thiet bi tuong lua truoc ngay 15/01/2026.");
        var index = KnowledgeIndex.Load(_folder);

        var search = index.Search(index.Analyzer.AnalyzeQuery("kiểm tra thiết bị tường lửa"), 1);
        Assert.Equal("thong-bao", search[0].Chunk.Document.Id);
        Assert.Contains("15/01/2026", search[0].Chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_dropped_in_while_running_is_indexed_after_the_quiet_period()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new KnowledgeOptions { Path = _folder, WatchDebounce = TimeSpan.FromSeconds(2) });
        var holder = KnowledgeBaseFixture.NewHolder(_folder);
        using var watcher = new KnowledgeBaseWatcher(holder, options, time);
        var rebuilt = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Rebuilt += ok => rebuilt.TrySetResult(ok);
        await watcher.StartAsync(CancellationToken.None);
        var before = holder.Current;

        WritePdf(Path.Combine(_folder, "moi.pdf"), "Lich tap huan an toan thong tin quy mot.");

        // The rebuild waits for the debounce on the injected clock; move the clock until the file event has armed it.
        for (var i = 0; i < 100 && !rebuilt.Task.IsCompleted; i++)
        {
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.True(await rebuilt.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.NotSame(before, holder.Current);
        Assert.Contains(holder.Current.Chunks, c => c.Document.Id == "moi");
        Assert.DoesNotContain(before.Chunks, c => c.Document.Id == "moi");
    }

    [Fact]
    public void A_markdown_file_without_front_matter_is_not_a_document()
    {
        File.WriteAllText(Path.Combine(_folder, "README.md"), "# Ghi chú\n\nKhông phải văn bản.");
        Assert.DoesNotContain(KnowledgeIndex.Load(_folder).Chunks, c => c.Text.Contains("Không phải văn bản", StringComparison.Ordinal));
    }

    private static string CopyOfKnowledgeBase(string source)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kb-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    private static void WriteDocx(string path)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(new Body(
            Paragraph("Số: 99/SGDĐT-TN"),
            Paragraph("Hướng dẫn thử nghiệm", "Heading1"),
            Paragraph("1. Sao lưu", "Heading2"),
            Paragraph("Các trường sao lưu dữ liệu học bạ mỗi tuần."),
            new Table(
                Row("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện"),
                Row("1", "Kiểm thử máy chủ dự phòng", "Phòng Thử nghiệm", "Tháng 3/2026"))));
        main.Document.Save();

        static Paragraph Paragraph(string text, string? style = null)
        {
            var paragraph = new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text)));
            if (style is not null)
            {
                paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
            }

            return paragraph;
        }

        static TableRow Row(params string[] cells) =>
            new(cells.Select(c => new TableCell(new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(c))))).Cast<OpenXmlElement>());
    }

    private static void WritePdf(string path, string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText(text, 11, new PdfPoint(40, 750), font);
        File.WriteAllBytes(path + ".tmp", builder.Build());
        File.Move(path + ".tmp", path);
    }
}
