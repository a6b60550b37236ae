using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// The documents a question names: a number after a kind of document ("QĐ 4725", "Thông tư số 02", "KH 27"), a number
/// with its year ("02/2025"), or "kế hoạch này" for the document the assistant is about (the verbatim one). Read once per
/// question; each document is then one look-up.
/// </summary>
internal sealed partial class DocumentMentions
{
    private readonly string _question;
    private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);
    private readonly bool _thisDocument;

    // A question's passages come from a handful of documents: each is judged once.
    private readonly List<(DocumentInfo Document, bool Named)> _judged = [];

    public DocumentMentions(string question, IReadOnlyList<Token> tokens)
    {
        _question = question;
        var words = " " + string.Join(' ', tokens.Select(t => t.Folded)) + " ";
        _thisDocument = words.Contains(" ke hoach nay ", StringComparison.Ordinal) || words.Contains(" van ban nay ", StringComparison.Ordinal);
        foreach (Match match in KindAndNumber().Matches(words))
        {
            _numbers.Add(match.Groups["number"].Value);
        }
    }

    public bool Names(DocumentInfo document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (judged, named) in _judged)
        {
            if (ReferenceEquals(judged, document))
            {
                return named;
            }
        }

        var result = Judge(document);
        _judged.Add((document, result));
        return result;
    }

    private bool Judge(DocumentInfo document)
    {
        if (_thisDocument && document.Authority == Retrieval.Authority.Verbatim)
        {
            return true;
        }

        var digits = 0;
        while (digits < document.Number.Length && char.IsAsciiDigit(document.Number[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        var number = document.Number[..digits];
        return _numbers.Contains(number) || _question.Contains(number + "/", StringComparison.Ordinal);
    }

    // Overlapping kinds ("ke hoach so 27" holds "so 27") are fine: every number after any kind word is collected.
    [GeneratedRegex(@"\b(?:qd|quyet dinh|thong tu|tt|luat|nghi dinh|nd|cong van|cv|ke hoach|kh)(?: so)? (?<number>\d+)\b")]
    private static partial Regex KindAndNumber();

}
