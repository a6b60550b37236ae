using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// "Quyết định 447 quy định gì?", "Thông tư 42/2021 về gì?": the named document's number, date, title and issuer from
/// its front matter, rather than the header lines ("Số: ...", "Căn cứ ...") that name the number most often.
/// </summary>
internal static partial class DocumentAnswer
{
    // Words a question about a document uses besides its name: they name no other topic.
    private const string OwnWords = "số nội dung văn bản quy định về việc vấn đề chính ban hành bộ gdđt nói gì là văn bản";

    public static KnowledgeAnswer? Title(AnswerContext context)
    {
        var question = context.Question.Text;
        var named = context.Facts.Documents.Where(d => d.Number.Length > 0 && !d.Number.StartsWith('(') && Names(question, d)).ToList();
        if (named.Count != 1)
        {
            return null;
        }

        // Only when the question asks nothing beyond the document itself; "QĐ 447 quy định mật khẩu thế nào" is a topic.
        var document = named[0];
        var own = new HashSet<string>(VietnameseTokenizer.Tokenize($"{document.Kind} {document.Number} {document.Issuer} {OwnWords}").Select(t => t.Folded), StringComparer.Ordinal);
        if (context.Analysis.ContentWords.Count(w => !own.Contains(w)) > 1)
        {
            return null;
        }

        var title = document.Title.Trim();
        var rest = title.StartsWith(document.Kind + " ", StringComparison.OrdinalIgnoreCase) ? title[(document.Kind.Length + 1)..]
            : title.StartsWith("V/v ", StringComparison.OrdinalIgnoreCase) ? "về " + title[4..]
            : title;
        var date = document.Date.Length > 0 && char.IsDigit(document.Date[0]) ? $" ({document.Date})" : string.Empty;
        var text = rest.Length > 0 && char.IsLower(rest[0]) ? $"{document.DisplayName}{date} {rest}." : $"{document.DisplayName}{date}: {rest}.";
        if (document.Issuer.Length > 0 && rest.Length > 0 && char.IsLower(rest[0]))
        {
            text = $"{text.TrimEnd('.')}, do {document.Issuer} ban hành.";
        }

        var source = context.Index.Chunks.FirstOrDefault(c => c.Document.Id == document.Id && c.Section == MarkdownChunker.MetadataSection)
            ?? context.Index.Chunks.First(c => c.Document.Id == document.Id);
        return new KnowledgeAnswer(text, true, [new Citation(document.DisplayName, source.Section, TextCuts.Quote(title))]);
    }

    private static readonly ConcurrentDictionary<(string Question, string Document), bool> Named = new();

    /// <summary>
    /// A question that names a document's number ("QĐ 4725", "Thông tư 02/2025") wants that document; "kế hoạch này"
    /// means the document the assistant is about (the verbatim one).
    /// </summary>
    public static bool Names(string question, DocumentInfo document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (Named.Count > 10_000)
        {
            Named.Clear();
        }

        return Named.GetOrAdd((question, document.Id), _ => NamedIn(question, document));
    }

    private static bool NamedIn(string question, DocumentInfo document)
    {
        var words = " " + string.Join(' ', VietnameseTokenizer.Tokenize(question).Select(t => t.Folded)) + " ";
        if (document.Authority == Retrieval.Authority.Verbatim && (words.Contains(" ke hoach nay ", StringComparison.Ordinal) || words.Contains(" van ban nay ", StringComparison.Ordinal)))
        {
            return true;
        }

        var number = LeadingNumber().Match(document.Number);
        if (!number.Success)
        {
            return false;
        }

        return Regex.IsMatch(words, $@"\b(qd|quyet dinh|thong tu|tt|luat|nghi dinh|nd|cong van|cv|ke hoach|kh)( so)? {number.Value}\b")
            || question.Contains(number.Value + "/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(\d+)")]
    private static partial Regex LeadingNumber();
}
