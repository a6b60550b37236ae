using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Spreadsheets;

namespace DtsAssistant.Reporting.Tests.Spreadsheets;

public sealed class XlsxTests
{
    [Fact]
    public void A_written_workbook_is_valid_Open_XML_and_reads_back_the_same_cells()
    {
        object?[][] rows =
        [
            ["Mã", "Tên", "Số"],
            ["00123", "Trường Mầm non Hoa Sen\u0001", 45L],
            [null, "chỉ cột B", 12.5m],
        ];

        var bytes = Xlsx.Write(new Xlsx.SheetData("Trang 1", rows));

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
        }

        var read = Xlsx.Read(new MemoryStream(bytes));
        Assert.Equal([1, 2, 3], read.Select(r => r.RowNumber));
        Assert.Equal(["00123", "Trường Mầm non Hoa Sen", "45"], read[1].Cells);
        Assert.Equal(["", "chỉ cột B", "12.5"], read[2].Cells);
    }

    [Fact]
    public void Column_names_go_past_Z()
    {
        Assert.Equal(["A", "Z", "AA", "AD"], new[] { 0, 25, 26, 29 }.Select(Xlsx.ColumnName));
    }

    [Fact]
    public void Bytes_that_are_not_a_workbook_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => Xlsx.Read(new MemoryStream("xin chào"u8.ToArray())));
    }

    [Fact]
    public void Newly_issued_invite_codes_are_exported_as_text_cells()
    {
        var expires = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
        IssuedInvite[] invites = [new("ABCDE-23456", Role.FocalPoint, "12345", "Trường Tiểu học A", expires)];

        var rows = Xlsx.Read(new MemoryStream(InviteSheet.FromIssued(invites)));

        Assert.Equal(["ABCDE-23456", "focal_point", "12345", "Trường Tiểu học A", "01/12/2025 07:00"], rows[1].Cells);
    }
}
