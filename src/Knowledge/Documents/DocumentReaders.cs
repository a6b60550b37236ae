using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DtsAssistant.Knowledge.Retrieval;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace DtsAssistant.Knowledge.Documents;

/// <summary>Reads one knowledge-base file (.md with front matter, .docx, .pdf) into a document with a Markdown body.</summary>
internal static partial class DocumentReaders
{
    public static readonly string[] Extensions = [".md", ".docx", ".pdf"];

    /// <summary>Null when the file is not a knowledge document (e.g. a README without front matter).</summary>
    public static KnowledgeDocument? Read(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".md" => ReadMarkdown(path),
        ".docx" => ReadDocx(path),
        ".pdf" => ReadPdf(path),
        _ => null,
    };

    private static KnowledgeDocument? ReadMarkdown(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        return FrontMatter.TrySplit(text, out var fields, out var body)
            ? new KnowledgeDocument(FrontMatter.ToInfo(fields, path), body)
            : null;
    }

    private static KnowledgeDocument ReadDocx(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var word = WordprocessingDocument.Open(stream, false);
        var body = word.MainDocumentPart?.Document?.Body;
        var markdown = new StringBuilder();
        if (body is not null)
        {
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        var text = paragraph.InnerText.Trim();
                        if (text.Length == 0)
                        {
                            continue;
                        }

                        var level = HeadingLevel(paragraph);
                        markdown.Append(level > 0 ? new string('#', Math.Min(level + 1, 6)) + " " : string.Empty).Append(text).Append("\n\n");
                        break;
                    case Table table:
                        AppendTable(markdown, table);
                        break;
                }
            }
        }

        var title = word.PackageProperties.Title;
        return FromPlainFile(path, markdown.ToString(), title);
    }

    private static KnowledgeDocument ReadPdf(string path)
    {
        using var pdf = PdfDocument.Open(path);
        var markdown = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            var text = ContentOrderTextExtractor.GetText(page);
            foreach (var paragraph in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                markdown.Append(paragraph).Append("\n\n");
            }
        }

        return FromPlainFile(path, markdown.ToString(), pdf.Information.Title);
    }

    // A dropped-in original has no front matter: its number comes from the "Số: ..." line most Vietnamese documents
    // carry, its title from the document properties or the file name. It is the document itself, so verbatim.
    private static KnowledgeDocument FromPlainFile(string path, string markdown, string? title)
    {
        var number = NumberLine().Match(markdown) is { Success: true } m ? m.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal) : string.Empty;
        var name = Path.GetFileNameWithoutExtension(path);
        var info = new DocumentInfo(
            Id: name,
            Kind: "Văn bản",
            Number: number,
            Title: string.IsNullOrWhiteSpace(title) ? name : title.Trim(),
            Issuer: string.Empty,
            Date: string.Empty,
            Effective: null,
            Signer: null,
            Source: Path.GetFileName(path),
            Completeness: string.Empty,
            Authority: Authority.Verbatim,
            FilePath: path);
        return new KnowledgeDocument(info, markdown);
    }

    private static int HeadingLevel(Paragraph paragraph)
    {
        var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? string.Empty;
        if (style.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        var match = HeadingStyle().Match(style);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static void AppendTable(StringBuilder markdown, Table table)
    {
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText.Trim().Replace("|", "\\|", StringComparison.Ordinal)).ToList()).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        markdown.Append("| ").AppendJoin(" | ", rows[0]).Append(" |\n|");
        markdown.Append(string.Concat(Enumerable.Repeat("---|", rows[0].Count))).Append('\n');
        foreach (var row in rows.Skip(1))
        {
            markdown.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        markdown.Append('\n');
    }

    [GeneratedRegex(@"^Heading\s*(\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyle();

    [GeneratedRegex(@"Số(?: hiệu)?\s*:\s*([0-9][\p{L}\p{N}/\-\. ]*[\p{L}\p{N}])", RegexOptions.IgnoreCase)]
    private static partial Regex NumberLine();
}
