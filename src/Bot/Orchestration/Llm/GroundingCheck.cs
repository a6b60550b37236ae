using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;

namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>
/// Checks a model's answer against what the functions actually returned in this turn: citations of passages the turn
/// never retrieved are dropped, the rest are renumbered [1], [2] in order of first use. An answer left with no valid
/// citation is not sent (the caller falls back to the deterministic answer), and neither is one stating a number (a
/// date, a percentage, a count) that appears neither in the question nor in anything the functions returned: figures
/// are where an invented answer does harm.
/// </summary>
internal static partial class GroundingCheck
{
    private const int QuoteLength = 220;

    public static KnowledgeAnswer? Apply(string? modelText, TurnContext turn, string question = "")
    {
        if (string.IsNullOrWhiteSpace(modelText))
        {
            return null;
        }

        var used = new List<Passage>();
        var text = CitationGroup().Replace(modelText, group =>
        {
            var numbers = new List<int>();
            foreach (Match id in PassageId().Matches(group.Value))
            {
                if (turn.Find(id.Value) is not { } passage)
                {
                    continue;
                }

                var index = used.FindIndex(p => p.ChunkId == passage.ChunkId);
                if (index < 0)
                {
                    used.Add(passage);
                    index = used.Count - 1;
                }

                if (!numbers.Contains(index + 1))
                {
                    numbers.Add(index + 1);
                }
            }

            return numbers.Count == 0 ? string.Empty : string.Concat(numbers.Select(n => $"[{n}]"));
        });

        if (used.Count == 0 || UnsupportedNumber(text, turn, question) is not null)
        {
            return null;
        }

        return new KnowledgeAnswer(SpaceBeforePunctuation().Replace(text, "$1").Trim(), true, [.. used.Select(ToCitation)]);
    }

    /// <summary>The first number of the answer that no function result and not the question contains, if any.</summary>
    internal static string? UnsupportedNumber(string answer, TurnContext turn, string question)
    {
        var evidence = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in turn.Evidence().Append(question))
        {
            foreach (Match number in Number().Matches(source))
            {
                evidence.Add(Canonical(number.Value));
            }
        }

        return Number().Matches(CitationMark().Replace(answer, " ")).Select(m => m.Value).FirstOrDefault(n => !evidence.Contains(Canonical(n)));
    }

    // "1.234" and "1234" are one number; a trailing sentence dot is not part of it.
    private static string Canonical(string number) => number.TrimEnd('.', ',').Replace(".", string.Empty, StringComparison.Ordinal);

    private static Citation ToCitation(Passage passage) => new(passage.Document, passage.Section, Quote(passage.Text));

    private static string Quote(string text)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        if (flat.Length <= QuoteLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', QuoteLength);
        return string.Concat(flat.AsSpan(0, cut > QuoteLength / 2 ? cut : QuoteLength), "…");
    }

    // "[P1]", "[P1, P3]", "[P2][P4]" — each bracket group is one citation mark.
    [GeneratedRegex(@"\[\s*P\d+(?:\s*[,;]\s*P\d+)*\s*\]")]
    private static partial Regex CitationGroup();

    // Numbers as people write them: 20, 1.234, 80%, 19/11, 19/11/2025, 4725/QĐ.
    [GeneratedRegex(@"\d+(?:[.,/]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex CitationMark();

    [GeneratedRegex(@"P\d+")]
    private static partial Regex PassageId();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
