using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Knowledge.Chunking;

/// <summary>What a table column means, read from its header.</summary>
public enum ColumnRole
{
    Number,
    Subject,
    Lead,
    Partners,
    Deadline,
    Other,
}

public sealed record TableCell(string Header, string Value, ColumnRole Role);

/// <summary>One row of an appendix table as a record: which table, its number, what the item is called, its cells.</summary>
public sealed record TableRowRecord(string Table, string Number, string ItemLabel, IReadOnlyList<TableCell> Cells)
{
    public TableCell? Cell(ColumnRole role) => Cells.FirstOrDefault(c => c.Role == role);
}

/// <summary>
/// A retrievable piece of a document with its place ("mục II.2", "Phụ lục 1, chỉ tiêu 10"). <see cref="IndexText"/> adds
/// the heading and column names to <see cref="Text"/> so a question about a section's subject finds its items.
/// </summary>
public sealed record KnowledgeChunk(
    string Id,
    DocumentInfo Document,
    string Section,
    string Heading,
    Authority Authority,
    string Text,
    string IndexText,
    TableRowRecord? Row)
{
    /// <summary>Every heading above the chunk, outermost first ("I. MỤC TIÊU", "2. Mục tiêu cụ thể", "2.3. Về nhân lực số").</summary>
    public IReadOnlyList<string> Trail { get; init; } = [];
}
