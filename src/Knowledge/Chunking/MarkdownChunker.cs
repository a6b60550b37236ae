using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Chunking;

/// <summary>
/// Cuts a document's Markdown into chunks that keep their section path: headings give "I.2.5"-style paths, list items
/// and paragraphs become chunks, footnotes become "chú thích N", each table row becomes a record whose cells carry the
/// meaning of their column. A heading may carry <c>&lt;!-- authority: summary --&gt;</c> to mark a part as a summary.
/// </summary>
public static partial class MarkdownChunker
{
    private const int ShortParagraph = 160;
    private const int MergeLimit = 700;

    public static IReadOnlyList<KnowledgeChunk> Chunk(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var chunks = new List<KnowledgeChunk>();
        var info = document.Info;
        chunks.Add(MetadataChunk(info));

        var headings = new List<Heading>();
        var pending = new StringBuilder();
        var pendingIsShort = false;
        var tableLines = new List<string>();
        var lines = document.Markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        void Flush()
        {
            if (pending.Length > 0)
            {
                AddProse(chunks, info, headings, pending.ToString().Trim());
                pending.Clear();
            }

            pendingIsShort = false;
        }

        void FlushTable()
        {
            if (tableLines.Count > 0)
            {
                AddTable(chunks, info, headings, tableLines);
                tableLines.Clear();
            }
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.StartsWith('|'))
            {
                Flush();
                tableLines.Add(trimmed);
                continue;
            }

            FlushTable();
            if (trimmed.Length == 0)
            {
                // Paragraph ends; short ones (letterheads, one-line fields) keep collecting into one chunk.
                if (!pendingIsShort)
                {
                    Flush();
                }

                continue;
            }

            if (AuthorityComment().Match(trimmed) is { Success: true } comment)
            {
                if (headings.Count > 0)
                {
                    headings[^1] = headings[^1] with { Authority = FrontMatter.ParseAuthority(comment.Groups[1].Value) };
                }

                continue;
            }

            if (HeadingLine().Match(trimmed) is { Success: true } heading)
            {
                Flush();
                var level = heading.Groups[1].Value.Length;
                headings.RemoveAll(h => h.Level >= level);
                headings.Add(new Heading(level, heading.Groups[2].Value.Trim(), null));
                continue;
            }

            if (FootnoteLine().Match(trimmed) is { Success: true } footnote)
            {
                Flush();
                var text = footnote.Groups[2].Value.Trim();
                chunks.Add(NewChunk(chunks.Count, info, $"{FootnoteSection} {footnote.Groups[1].Value}", FootnoteSection, EffectiveAuthority(info, headings), text, text, null));
                continue;
            }

            var isItem = trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed.StartsWith("* ", StringComparison.Ordinal);
            if (isItem)
            {
                Flush();
                pending.Append(trimmed[2..].Trim());
                continue;
            }

            if (pending.Length > 0 && pendingIsShort && (trimmed.Length > ShortParagraph || pending.Length + trimmed.Length > MergeLimit))
            {
                Flush();
            }

            if (pending.Length > 0)
            {
                pending.Append('\n');
            }

            pending.Append(trimmed);
            pendingIsShort = pending.Length <= MergeLimit && trimmed.Length <= ShortParagraph;
        }

        Flush();
        FlushTable();
        return chunks;
    }

    /// <summary>Footnote markers go back to the superscript digits of the original ("tỉnh¹"); bold marks go.</summary>
    public static string StripMarkup(string text) =>
        FootnoteReference().Replace(text, m => Superscript(m.Groups[1].Value)).Replace("**", string.Empty, StringComparison.Ordinal);

    public const string FootnoteSection = "chú thích";

    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>The footnote numbers a text refers to by superscript digits.</summary>
    public static IEnumerable<string> FootnoteNumbers(string text) =>
        SuperscriptRun().Matches(text).Select(m => string.Concat(m.Value.Select(c => (char)('0' + SuperscriptDigits.IndexOf(c, StringComparison.Ordinal)))));

    private static string Superscript(string number) =>
        number.All(char.IsAsciiDigit) ? string.Concat(number.Select(c => SuperscriptDigits[c - '0'])) : string.Empty;

    /// <summary>
    /// The document's own identity (number, title, issuer, date, signer) as one retrievable sentence, so "ai ký", "ban
    /// hành ngày nào", "có hiệu lực khi nào" find it. The date is spelled as the documents spell it.
    /// </summary>
    private static KnowledgeChunk MetadataChunk(DocumentInfo info)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{info.Kind} số {info.Number} ({info.Title})");
        if (info.Issuer.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" do {info.Issuer} ban hành");
        }

        if (info.Date.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" ngày {SpellDate(info.Date)}");
        }

        if (!string.IsNullOrWhiteSpace(info.Effective))
        {
            text.Append(CultureInfo.InvariantCulture, $", có hiệu lực từ {info.Effective}");
        }

        if (!string.IsNullOrWhiteSpace(info.Signer))
        {
            text.Append(CultureInfo.InvariantCulture, $", người ký: {info.Signer}");
        }

        text.Append('.');
        var value = text.ToString();
        return NewChunk(0, info, MetadataSection, info.Title, info.Authority, value, value, null);
    }

    /// <summary>The section name of a document's identity chunk.</summary>
    public const string MetadataSection = "thông tin văn bản";

    private static string SpellDate(string date) =>
        NumericDate().Match(date) is { Success: true } m && m.Length == date.Trim().Length
            ? $"{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)} tháng {int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)} năm {m.Groups[3].Value}"
            : date;

    private static void AddProse(List<KnowledgeChunk> chunks, DocumentInfo info, List<Heading> headings, string text)
    {
        var clean = StripMarkup(text);
        var section = SectionOf(headings);
        if (ArticleStart().Match(clean) is { Success: true } article)
        {
            section = section.Length > 0 ? $"{section}, Điều {article.Groups[1].Value}" : $"Điều {article.Groups[1].Value}";
        }

        var heading = headings.Count > 0 ? headings[^1].Text : string.Empty;
        chunks.Add(NewChunk(chunks.Count, info, section, heading, EffectiveAuthority(info, headings), clean, heading + "\n" + clean, null) with { Trail = Trail(headings) });
    }

    private static void AddTable(List<KnowledgeChunk> chunks, DocumentInfo info, List<Heading> headings, List<string> lines)
    {
        var rows = lines.Where(l => !SeparatorRow().IsMatch(l)).Select(SplitRow).ToList();
        if (rows.Count < 2)
        {
            return;
        }

        var header = rows[0];
        var roles = header.Select(RoleOf).ToArray();
        var subjectAt = Array.IndexOf(roles, ColumnRole.Other);
        if (subjectAt >= 0)
        {
            roles[subjectAt] = ColumnRole.Subject;
        }

        var headingText = headings.Count > 0 ? headings[^1].Text : info.Title;
        var colon = headingText.IndexOf(':', StringComparison.Ordinal);
        var table = colon > 0 ? headingText[..colon].Trim() : headingText;
        var itemLabel = subjectAt >= 0 ? header[subjectAt].ToLower(VietnameseCulture.Instance) : "mục";
        var authority = EffectiveAuthority(info, headings);

        foreach (var cells in rows.Skip(1))
        {
            var record = new List<TableCell>();
            for (var i = 0; i < header.Count; i++)
            {
                record.Add(new TableCell(header[i], i < cells.Count ? cells[i] : string.Empty, roles[i]));
            }

            var number = record.FirstOrDefault(c => c.Role == ColumnRole.Number)?.Value ?? (chunks.Count + 1).ToString(CultureInfo.InvariantCulture);
            var row = new TableRowRecord(table, number, itemLabel, record);
            var section = $"{table}, {itemLabel} {number}";
            var text = string.Join("; ", record.Where(c => c.Role != ColumnRole.Number && c.Value.Length > 0).Select(c => c.Role == ColumnRole.Subject ? c.Value.TrimEnd('.') : $"{c.Header}: {c.Value}"));
            var indexText = $"{headingText}\n{section}\n{string.Join("\n", record.Select(c => c.Role == ColumnRole.Number ? string.Empty : $"{c.Header}: {c.Value}"))}";
            chunks.Add(NewChunk(chunks.Count, info, section, headingText, authority, text, indexText, row) with { Trail = Trail(headings) });
        }
    }

    private static ColumnRole RoleOf(string header)
    {
        var folded = VietnameseText.NormalizeAndFold(header);
        if (folded is "tt" or "stt" or "so tt" or "so thu tu")
        {
            return ColumnRole.Number;
        }

        if (folded.Contains("chu tri", StringComparison.Ordinal))
        {
            return ColumnRole.Lead;
        }

        if (folded.Contains("phoi hop", StringComparison.Ordinal) || folded.Contains("trien khai", StringComparison.Ordinal))
        {
            return ColumnRole.Partners;
        }

        return folded.Contains("thoi gian", StringComparison.Ordinal) || folded.Contains("thoi han", StringComparison.Ordinal) || folded.StartsWith("han ", StringComparison.Ordinal)
            ? ColumnRole.Deadline
            : ColumnRole.Other;
    }

    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var body = line.Trim().Trim('|');
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] == '|')
            {
                current.Append('|');
                i++;
            }
            else if (body[i] == '|')
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(body[i]);
            }
        }

        cells.Add(current.ToString().Trim());
        return cells;
    }

    /// <summary>"II.2" for "## II. ..." then "### 2. ..."; "I.2.5" when the child number already repeats its parent's.</summary>
    private static string SectionOf(List<Heading> headings)
    {
        var parts = new List<string>();
        string? prefix = null;
        foreach (var heading in headings.Where(h => h.Level > 1))
        {
            var match = Enumerator().Match(heading.Text);
            if (!match.Success)
            {
                parts.Clear();
                prefix = Shorten(heading.Text);
                continue;
            }

            var number = match.Groups[1].Value;
            var dot = number.LastIndexOf('.');
            if (dot > 0 && parts.Count > 0 && parts[^1] == number[..dot])
            {
                parts[^1] = number;
            }
            else
            {
                parts.Add(number);
            }
        }

        return (prefix, parts.Count) switch
        {
            (null, 0) => "đầu văn bản",
            (null, _) => "mục " + string.Join(".", parts),
            (_, 0) => prefix,
            _ => $"{prefix}, mục {string.Join(".", parts)}",
        };
    }

    private static string Shorten(string text) => text.Length > 90 ? text[..90].TrimEnd() + "…" : text;

    private static string[] Trail(List<Heading> headings) => [.. headings.Select(h => h.Text)];

    private static Authority EffectiveAuthority(DocumentInfo info, List<Heading> headings)
    {
        for (var i = headings.Count - 1; i >= 0; i--)
        {
            if (headings[i].Authority is { } authority)
            {
                return authority;
            }
        }

        return info.Authority;
    }

    private static KnowledgeChunk NewChunk(int ordinal, DocumentInfo info, string section, string heading, Authority authority, string text, string indexText, TableRowRecord? row) =>
        new($"{info.Id}#{ordinal.ToString(CultureInfo.InvariantCulture)}", info, section, heading, authority, text, indexText, row);

    private sealed record Heading(int Level, string Text, Authority? Authority);

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^<!--\s*authority:\s*(\w+)\s*-->$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorityComment();

    [GeneratedRegex(@"^\[\^(\w+)\]:\s*(.+)$")]
    private static partial Regex FootnoteLine();

    [GeneratedRegex(@"\[\^(\w+)\]")]
    private static partial Regex FootnoteReference();

    [GeneratedRegex("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")]
    private static partial Regex SuperscriptRun();

    [GeneratedRegex(@"^\|?\s*:?-{3,}")]
    private static partial Regex SeparatorRow();

    [GeneratedRegex(@"^((?:[IVXLC]+)|(?:\d+(?:\.\d+)*))\.\s")]
    private static partial Regex Enumerator();

    [GeneratedRegex(@"(\d{1,2})/(\d{1,2})/(\d{4})")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^Điều\s+(\d+)")]
    private static partial Regex ArticleStart();
}
