namespace DtsAssistant.Knowledge.Text;

/// <summary>One abbreviation people type and what it stands for, as written in knowledge-base/glossary.tsv.</summary>
public sealed record GlossaryEntry(string Abbreviation, string Expansion)
{
    internal string[] AbbreviationTokens { get; } = Words(Abbreviation);

    internal string[] ExpansionTokens { get; } = Words(Expansion);

    /// <summary>Both forms as tokens (with their accents), for fact words that take in the other form.</summary>
    internal IReadOnlyList<Token> AbbreviationTokenList { get; } = VietnameseTokenizer.Tokenize(Abbreviation);

    internal IReadOnlyList<Token> ExpansionTokenList { get; } = VietnameseTokenizer.Tokenize(Expansion);

    /// <summary>
    /// Lower-case words such as "ai" or "lan" are real Vietnamese; only their upper-case form ("AI", "LAN") is the
    /// abbreviation. A word the glossary writes in lower case ("web", "backup") is meant as typed.
    /// </summary>
    internal bool NeedsUpperCase { get; } = Words(Abbreviation) is [var single] && single.Any(c => "aeiouy".Contains(c, StringComparison.Ordinal))
        && !Abbreviation.Any(char.IsLower);

    private static string[] Words(string text) =>
        VietnameseTokenizer.Tokenize(text).Select(t => t.Folded).ToArray();
}

/// <summary>The abbreviations of the sector (CĐS, CSGD, CKS ...), loaded from a data file so staff can extend it.</summary>
public sealed class Glossary(IReadOnlyList<GlossaryEntry> entries)
{
    public static Glossary Empty { get; } = new([]);

    public IReadOnlyList<GlossaryEntry> Entries { get; } = entries;

    private readonly Dictionary<string, GlossaryEntry> _oneWordAbbreviations = entries
        .Where(e => e.AbbreviationTokens.Length == 1)
        .GroupBy(e => e.AbbreviationTokens[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private readonly Dictionary<string, int[]> _byFirstWord = entries
        .SelectMany((e, i) => new[] { e.AbbreviationTokens, e.ExpansionTokens }.Where(t => t.Length > 0).Select(t => (Word: t[0], Index: i)))
        .GroupBy(x => x.Word, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Index).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>The first entry whose abbreviation is this one folded word ("gv", "csdl"), if any.</summary>
    internal GlossaryEntry? OneWordAbbreviation(string folded) => _oneWordAbbreviations.GetValueOrDefault(folded);

    /// <summary>Reads a tab-separated file: a header line, then "abbreviation TAB expansion" per line.</summary>
    public static Glossary Load(string path)
    {
        var entries = new List<GlossaryEntry>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                entries.Add(new GlossaryEntry(parts[0], parts[1]));
            }
        }

        return new Glossary(entries);
    }

    /// <summary>
    /// The glossary entries a query mentions, either way round: the abbreviation typed ("CKS") or the phrase typed
    /// ("chữ ký số"), so both forms in the documents are found.
    /// </summary>
    internal IEnumerable<(GlossaryEntry Entry, bool AbbreviationTyped)> Mentions(IReadOnlyList<Token> tokens)
    {
        var folded = tokens.Select(t => t.Folded).ToArray();
        foreach (var (entry, _, _, abbreviation) in Matches(folded, (entry, at) => !entry.NeedsUpperCase || tokens[at].IsUpperCase))
        {
            yield return (entry, abbreviation);
        }
    }

    /// <summary>
    /// The entries a run of folded words uses, in the file's order, each once: where its abbreviation first stands
    /// (when <paramref name="abbreviationStands"/>, if given, accepts it there), else where its expansion of two words
    /// or more first stands.
    /// </summary>
    internal IEnumerable<(GlossaryEntry Entry, int At, int Length, bool Abbreviation)> Matches(
        string[] folded, Func<GlossaryEntry, int, bool>? abbreviationStands = null)
    {
        // Only entries one of whose forms starts with one of the words can be used; taken in the file's order.
        var candidates = new SortedSet<int>();
        foreach (var word in folded)
        {
            if (_byFirstWord.TryGetValue(word, out var entries))
            {
                candidates.UnionWith(entries);
            }
        }

        foreach (var entry in candidates.Select(i => Entries[i]))
        {
            var abbreviationAt = IndexOf(folded, entry.AbbreviationTokens);
            if (abbreviationAt >= 0 && (abbreviationStands is null || abbreviationStands(entry, abbreviationAt)))
            {
                yield return (entry, abbreviationAt, entry.AbbreviationTokens.Length, true);
            }
            else if (entry.ExpansionTokens.Length > 1 && IndexOf(folded, entry.ExpansionTokens) is >= 0 and var expansionAt)
            {
                yield return (entry, expansionAt, entry.ExpansionTokens.Length, false);
            }
        }
    }

    /// <summary>Where a run of folded words first stands in another ("so", "diem" in "... so diem dien tu ..."); -1 if nowhere.</summary>
    internal static int IndexOf(string[] haystack, string[] needle)
    {
        if (needle.Length == 0)
        {
            return -1;
        }

        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
