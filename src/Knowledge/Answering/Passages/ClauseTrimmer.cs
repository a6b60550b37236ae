using System.Text.RegularExpressions;

namespace DtsAssistant.Knowledge.Answering.Passages;

/// <summary>
/// Cuts a long sentence to the clauses that answer: ";"-clauses and bracketed parts that match the question, and for a
/// long guideline bullet the comma items after its lead-in, ending "…" where text was left out.
/// </summary>
internal static partial class ClauseTrimmer
{
    private const int LongSentence = 400;
    private const int ShortAnswer = 420;
    private const int LongPractice = 35;

    /// <summary>
    /// A long sentence keeps only the clauses (split at ";", and at a parenthesis the split leaves open) that match the
    /// question well: "... (A báo cáo về Sở ...; B báo cáo về UBND ...) ..." answers "B báo cáo về đâu" with B's clause.
    /// </summary>
    public static string Trim(string sentence, PassageScorer scorer)
    {
        if (sentence.Length <= LongSentence)
        {
            return sentence;
        }

        var clauses = sentence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Unbracket(c, scorer))
            .ToArray();
        if (clauses.Length < 2)
        {
            return clauses[0];
        }

        var scores = clauses.Select(c => scorer.Score(c)).ToArray();
        var max = scores.Max();
        var joined = string.Join("; ", clauses.Where((_, i) => scores[i] >= max * 0.6));
        return joined.Length <= ShortAnswer ? joined : clauses[Array.IndexOf(scores, max)];
    }

    /// <summary>
    /// A long guideline bullet keeps the clauses that answer the question: the ";"-clauses that match it, then, when
    /// still long, the comma items after a lead-in ("quản lý tài khoản: không dùng chung, đặt mật khẩu ...") that
    /// match, with the lead-in kept for sense.
    /// </summary>
    public static string TrimPractice(string sentence, PassageScorer scorer)
    {
        if (WordCount(sentence) <= LongPractice)
        {
            return sentence;
        }

        var clauses = sentence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scores = clauses.Select(c => scorer.Score(c)).ToArray();
        var max = scores.Max();
        if (max <= 0)
        {
            return Trim(sentence, scorer);
        }

        var kept = string.Join("; ", clauses.Where((_, i) => scores[i] >= max * 0.6));
        if (WordCount(kept) <= LongPractice)
        {
            return kept;
        }

        var colon = kept.LastIndexOf(": ", StringComparison.Ordinal);
        var leadIn = colon > 0 ? kept[..(colon + 1)] : string.Empty;
        // "kiểm tra các tệp tin, các đường link ..., từ tài khoản ..." is one item: a part opening with "các", "từ"
        // continues the verb before it.
        var items = new List<string>();
        foreach (var part in (colon > 0 ? kept[(colon + 2)..] : kept).Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (items.Count > 0 && ContinuesItem().IsMatch(part))
            {
                items[^1] += ", " + part;
            }
            else
            {
                items.Add(part);
            }
        }

        // Without a lead-in, a long first item holds the verb the others depend on, unless the items that match are
        // whole clauses themselves ("tắt chế độ tự động mở, ..., thường xuyên sao lưu các dữ liệu cần thiết").
        var matchingRest = items.Skip(1).Where(item => scorer.Score(item) > 0).ToList();
        var verbFirst = colon < 0 && WordCount(items[0]) >= 6 && !(matchingRest.Count > 0 && matchingRest.All(item => WordCount(item) >= 6));
        var matching = items.Where((item, i) => (verbFirst && i == 0) || scorer.Score(item) > 0).ToList();
        if (matching.Count == items.Count || matching.Count == (verbFirst ? 1 : 0))
        {
            return kept.Length <= ShortAnswer ? kept : Trim(kept, scorer);
        }

        return $"{leadIn} {string.Join(", ", matching)}".Trim();
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A clause cut out of a parenthesis keeps the side of the open bracket that matches the question better.</summary>
    private static string Unbracket(string clause, PassageScorer scorer)
    {
        var depth = 0;
        for (var i = 0; i < clause.Length; i++)
        {
            depth += clause[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                return Better(clause[..i], clause[(i + 1)..]);
            }
        }

        if (depth > 0)
        {
            var open = clause.LastIndexOf('(');
            return Better(clause[..open], clause[(open + 1)..]);
        }

        return clause;

        string Better(string first, string second) =>
            scorer.Score(second) > scorer.Score(first) ? second.Trim() : first.Trim();
    }

    [GeneratedRegex(@"^(các|những|từ|và|hoặc|của|cho|với|trên|theo|nhất là)\s")]
    private static partial Regex ContinuesItem();
}
