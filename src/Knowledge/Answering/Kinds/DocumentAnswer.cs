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
        var named = context.Facts.Documents.Where(d => d.Number.Length > 0 && !d.Number.StartsWith('(') && context.DocumentMentions.Names(d)).ToList();
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
}
