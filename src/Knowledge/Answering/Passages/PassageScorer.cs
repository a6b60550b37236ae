using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering.Passages;

/// <summary>
/// Scores passage text against one question: idf-weighted term matches and the share of the question's content words a
/// text covers (glossary equivalents count; a word typed with diacritics only where the same accented word stands).
/// What depends only on the question is worked out once per scorer.
/// </summary>
internal sealed class PassageScorer(KnowledgeIndex index, QueryAnalysis analysis)
{
    public KnowledgeIndex Index => index;

    public QueryAnalysis Analysis => analysis;

    public double Coverage(string text, IReadOnlySet<string>? ignore = null, bool phrases = false) => Coverage(index.TermSet(text), ignore, phrases);

    /// <summary>The same for a text's term set worked out beforehand.</summary>
    public double Coverage(IReadOnlySet<string> terms, IReadOnlySet<string>? ignore = null, bool phrases = false)
    {
        var accented = AccentedForms();
        // A word typed with its diacritics is covered only by the same word: "lương" (salary) is not "lượng" in "chất
        // lượng", though both fold to "luong". Words typed without diacritics match every accented form.
        var covered = new HashSet<string>(
            analysis.ContentWords.Where(w => accented.TryGetValue(w, out var forms) ? forms.Any(f => terms.Contains(f)) : terms.Contains("u:" + w)),
            StringComparer.Ordinal);
        foreach (var entry in analysis.GlossaryMentions)
        {
            var expansion = entry.ExpansionTokens.All(t => terms.Contains("u:" + t));
            var abbreviation = entry.AbbreviationTokens.All(t => terms.Contains("u:" + t));
            if (expansion || abbreviation)
            {
                covered.UnionWith(entry.AbbreviationTokens);
                covered.UnionWith(entry.ExpansionTokens);
            }
        }

        if (phrases)
        {
            var needPhrase = new HashSet<string>(StringComparer.Ordinal);
            var viaPhrase = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (term, first, second) in Phrases())
            {
                needPhrase.UnionWith([first, second]);
                if (terms.Contains(term))
                {
                    viaPhrase.UnionWith([first, second]);
                }
            }

            covered.RemoveWhere(w => needPhrase.Contains(w) && !viaPhrase.Contains(w));
        }

        double total = 0, found = 0;
        foreach (var word in analysis.ContentWords.Where(w => ignore?.Contains(w) != true))
        {
            var weight = index.Index.Idf("u:" + word);
            total += weight;
            found += covered.Contains(word) ? weight : 0;
        }

        return total == 0 ? 0 : found / total;
    }

    // A composer answers one question, but scores many sentences against it: what depends only on the question is

    private List<(string Term, string First, string Second)>? _phrases;
    private Dictionary<string, List<string>>? _accented;

    /// <summary>The question's adjacent content-word pairs that occur as a pair somewhere in the documents.</summary>
    private List<(string Term, string First, string Second)> Phrases() => _phrases ??= FindPhrases();

    private List<(string Term, string First, string Second)> FindPhrases()
    {
        var content = new HashSet<string>(analysis.ContentWords, StringComparer.Ordinal);
        var phrases = new List<(string, string, string)>();
        foreach (var term in analysis.Terms.Keys)
        {
            var split = term.StartsWith("b:", StringComparison.Ordinal) ? term.IndexOf('_', 2) : -1;
            if (split > 2 && content.Contains(term[2..split]) && content.Contains(term[(split + 1)..]) && term[2..split] != term[(split + 1)..]
                && index.Index.Contains(term))
            {
                phrases.Add((term, term[2..split], term[(split + 1)..]));
            }
        }

        return phrases;
    }


    /// <summary>For a question typed with diacritics: each content word's accented index terms ("a:lương"), by folded word.</summary>
    private Dictionary<string, List<string>> AccentedForms() => _accented ??= FindAccentedForms(analysis);

    private static Dictionary<string, List<string>> FindAccentedForms(QueryAnalysis analysis)
    {
        var forms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!analysis.Accented)
        {
            return forms;
        }

        foreach (var term in analysis.Terms.Keys)
        {
            if (term.StartsWith("a:", StringComparison.Ordinal))
            {
                var word = term[2..];
                var folded = VietnameseText.Fold(word);
                if (folded != word)
                {
                    (forms.TryGetValue(folded, out var list) ? list : forms[folded] = []).Add(term);
                }
            }
        }

        return forms;
    }

    /// <summary>Σ idf · weight of the question's terms the text holds.</summary>
    public double Score(string text) => Score(index.TermSet(text));

    /// <summary>The same for a text's term set worked out beforehand.</summary>
    public double Score(IReadOnlySet<string> terms)
    {
        double score = 0;
        foreach (var (term, weight) in analysis.Terms)
        {
            if (terms.Contains(term))
            {
                score += index.Index.Idf(term) * weight;
            }
        }

        return score;
    }
}
