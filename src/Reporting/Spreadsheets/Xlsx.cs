using System.Globalization;
using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DtsAssistant.Reporting.Spreadsheets;

/// <summary>
/// Minimal XLSX reading and writing over the Open XML SDK. ClosedXML 0.95.4 cannot be used here: it needs Open XML
/// SDK 2.x, and the host also loads 3.x (Knowledge reads .docx with it), which breaks ClosedXML at run time.
/// </summary>
internal static class Xlsx
{
    /// <summary>A sheet to write: the first row is a bold header. Cells: string, long, int, decimal, double or null.</summary>
    public sealed record SheetData(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows);

    /// <summary>One row read from a sheet: its 1-based row number and its cells as text (missing cells as "").</summary>
    public sealed record RowData(int RowNumber, string[] Cells);

    public static byte[] Write(params SheetData[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheet.Rows[r].Count; c++)
                    {
                        if (ToCell(sheet.Rows[r][c], ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture)) is { } cell)
                        {
                            if (r == 0)
                            {
                                cell.StyleIndex = 1;
                            }

                            row.Append(cell);
                        }
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Reads the rows of the first sheet (or the named one). Throws <see cref="InvalidDataException"/> for non-XLSX content.</summary>
    public static List<RowData> Read(Stream content, string? sheetName = null)
    {
        var seekable = content;
        if (!content.CanSeek)
        {
            seekable = new MemoryStream();
            content.CopyTo(seekable);
            seekable.Position = 0;
        }

        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(seekable, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException)
        {
            throw new InvalidDataException("Not an XLSX workbook.", e);
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = (sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name == sheetName))
                ?? throw new InvalidDataException("The workbook has no such sheet.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var rows = new List<RowData>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                    while (cells.Count < index)
                    {
                        cells.Add("");
                    }

                    cells.Add(TextOf(cell, shared));
                }

                rows.Add(new RowData((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), [.. cells]));
            }

            return rows;
        }
    }

    private static string TextOf(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "";
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        // Numbers: Excel stores 12345 as "12345" but may store 0.1 as "0.10000000000000001"; round-trip through double.
        return cell.DataType is null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : raw;
    }

    private static Cell? ToCell(object? value, string reference) => value switch
    {
        null => null,
        string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(s)) { Space = SpaceProcessingModeValues.Preserve }) },
        int i => Number(reference, i.ToString(CultureInfo.InvariantCulture)),
        long l => Number(reference, l.ToString(CultureInfo.InvariantCulture)),
        decimal d => Number(reference, d.ToString(CultureInfo.InvariantCulture)),
        double d => Number(reference, d.ToString("R", CultureInfo.InvariantCulture)),
        _ => ToCell(Convert.ToString(value, CultureInfo.InvariantCulture), reference),
    };

    private static Cell Number(string reference, string text) => new() { CellReference = reference, CellValue = new CellValue(text) };

    /// <summary>XML 1.0 cannot hold most control characters; they would make the file unreadable.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r'))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
