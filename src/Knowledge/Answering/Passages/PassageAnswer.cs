using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Answering.Kinds;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;
using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Answering.Passages;

/// <summary>
/// The passage answer, for how-to, security and guideline questions and whatever no fact answers: every sentence of the
/// retrieved chunks (and every retrieved table row) competes on the question's terms (idf-weighted), the chunk's
/// retrieval score, its source's authority, whether the question names its document, and whether it holds the kind of
/// fact asked for; the winner is cut to the clauses that answer.
/// </summary>
internal static partial class PassageAnswer
{
    /// <summary>
    /// "bao nhiêu miền", "mấy tiền": a count question is answered only by a text that counts that noun ("6 miền"). "Mấy
    /// lần" asks how often, which "thường xuyên" or "hằng tháng" answer as well as "2 lần".
    /// </summary>
    private static bool Counts(string text, string? noun) =>
        noun is null || noun is "phan" or "phut" or "lan" || Regex.IsMatch(VietnameseText.NormalizeAndFold(text), $@"\d+%?\s+(?:\S+\s+)?{Regex.Escape(noun)}\b|\b{Regex.Escape(noun)}\s+(?:\S+\s+)?\d");

    /// <summary>The passage ranking's view of an intent.</summary>
    internal enum QuestionKind
    {
        General,
        Responsibility,
        Deadline,
        Target,
        Practice,
        Reference,
    }

    internal static QuestionKind KindOf(UnderstoodQuestion question) => question.Intent switch
    {
        QuestionIntent.WhoLeads or QuestionIntent.WhoCoordinates or QuestionIntent.WhoImplements or QuestionIntent.ListByUnit => QuestionKind.Responsibility,
        QuestionIntent.When => QuestionKind.Deadline,
        QuestionIntent.HowMuch => QuestionKind.Target,
        QuestionIntent.HowTo => QuestionKind.Practice,
        QuestionIntent.WhichDocument => QuestionKind.Reference,
        _ => QuestionKind.General,
    };

    private static readonly string[] DocumentMarkers =
    [
        " van ban", " quyet dinh", " cong van", " thong tu", " nghi dinh", " luat ", " so hieu", " so may", " ke hoach so", " ke hoach nao", " ky hieu",
    ];

    /// <summary>True when a reference question wants a document's identity (number, name), not another fact.</summary>
    private static bool AsksForDocument(string question)
    {
        var folded = " " + VietnameseText.FoldForMatching(question) + " ";
        return DocumentMarkers.Any(m => folded.Contains(m, StringComparison.Ordinal));
    }

    /// <param name="onlyCovering">Only sentences of the text (no table rows) that hold at least <paramref name="minCoverage"/> of
    /// the topic compete: a passage asked to hold more of the topic than a record does.</param>
    public static KnowledgeAnswer? Best(AnswerContext context, PassageScorer scorer, IReadOnlyList<(KnowledgeChunk Chunk, double Score)> hits, double minCoverage, bool onlyCovering = false)
    {
        var topScore = hits[0].Score;
        var question = context.Question.Text;
        var kind = KindOf(context.Question);
        var counted = VietnameseAnalyzer.CountedNoun(context.Tokens, context.Index.IsWord);
        // A sentence that counts the noun asked about ("6 miền"), made once for every sentence of every hit.
        var countsNoun = counted is null ? null : new Regex($@"\d+ {Regex.Escape(counted)}\b");
        var asksDocument = kind == QuestionKind.Reference && AsksForDocument(question);
        var analyzer = scorer.Index.Analyzer;
        var rowMarkers = kind == QuestionKind.Responsibility && RowRoleMarkers.Any(VietnameseText.NormalizeAndFold(question).Contains);
        var candidates = new List<Candidate>();
        foreach (var (chunk, score) in hits)
        {
            var passage = ChunkPassage.Of(chunk);
            var factor = (0.6 + (0.4 * score / topScore)) * AuthorityFactor(chunk.Authority) * (context.DocumentMentions.Names(chunk.Document) ? 1.5 : 1.0)
                * (chunk.Section == MarkdownChunker.MetadataSection && kind is not (QuestionKind.Reference or QuestionKind.Deadline or QuestionKind.Responsibility) ? 0.6 : 1.0)
                * (kind == QuestionKind.Target && passage.TrailStatesTargets ? 1.25 : 1.0);
            if (chunk.Row is { } row)
            {
                var rowTerms = passage.RowTerms(analyzer, r => string.Join("\n", new[] { chunk.Heading }.Concat(r.Cells.Where(c => c.Role != ColumnRole.Number).Select(c => $"{RoleWords(c)} {c.Value}"))));
                candidates.Add(new Candidate(chunk, [chunk.Text], 0, scorer.Score(rowTerms) * factor * RowBonus(row, kind, rowMarkers), SentenceTraits.None));
                continue;
            }

            // The heading's terms are among the chunk's: scored against all the question's terms, the sum is the same.
            var heading = scorer.Score(passage.HeadingTerms(analyzer)) * 0.3;
            var masks = passage.SentenceMasks(analyzer);
            var among = masks is null ? scorer.TermsIn(passage.TextTerms(analyzer)) : null;
            var bySentence = masks is null ? null : scorer.TermsIn(masks);
            var sentences = passage.Sentences;
            for (var i = 0; i < sentences.Count; i++)
            {
                var traits = passage.Traits[i];
                var countBonus = countsNoun is not null && countsNoun.IsMatch(passage.Folded(i)) ? 3.0 : 1.0;
                var boilerplate = traits.HasFlag(SentenceTraits.Boilerplate) ? 0.35 : 1.0;
                candidates.Add(new Candidate(chunk, sentences, i, ((bySentence is null ? PassageScorer.Score(passage.Terms(i, analyzer), among!) : PassageScorer.Score(i, bySentence)) + heading) * factor * KindBonus(traits, kind, asksDocument) * countBonus * boilerplate
                    * (kind == QuestionKind.Target ? TargetCoverage(scorer, passage.HeldTerms(i, analyzer)) : 1.0), traits));
            }
        }

        if (onlyCovering)
        {
            var topicGlossary = scorer.Index.Analyzer.Glossary;
            candidates.RemoveAll(c => c.Chunk.Row is not null || context.Linker.Match(ChunkPassage.Of(c.Chunk).HeldTopic(c.Index, topicGlossary)).Coverage < minCoverage);
            if (candidates.Count == 0)
            {
                return null;
            }
        }

        // Prefer a passage that holds the kind of fact asked for (a date for "khi nào", a unit for "ai") over a
        // slightly better match that does not answer.
        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.MaxBy(c => c.Score);
        var typed = candidates.Where(c => HoldsAnswer(c, kind, asksDocument)).Select(c => (Candidate?)c).MaxBy(c => c!.Value.Score);
        if (typed is { } holding && !HoldsAnswer(best, kind, asksDocument) && holding.Score >= best.Score * 0.45)
        {
            best = holding;
        }

        // The winner must hold the question's topic, not just share a few words with it: an unrelated quote is no answer.
        var held = best.Chunk.Heading + "\n" + best.Sentences[best.Index];
        var glossary = scorer.Index.Analyzer.Glossary;
        var (heldTopic, heldTerms) = best.Chunk.Row is null
            ? (ChunkPassage.Of(best.Chunk).HeldTopic(best.Index, glossary), ChunkPassage.Of(best.Chunk).HeldTerms(best.Index, analyzer))
            : ChunkPassage.Of(best.Chunk).RowHeld(glossary, analyzer);
        var namesDocument = kind == QuestionKind.Reference && DocumentNumber().IsMatch(held);
        if (!namesDocument && (scorer.Coverage(heldTerms, phrases: true) < minCoverage || context.Linker.Match(heldTopic).Coverage < minCoverage || !Counts(held, counted)))
        {
            return null;
        }

        if (best.Chunk.Row is { } bestRow)
        {
            var record = context.Facts.Records.FirstOrDefault(r => ReferenceEquals(r.Source, best.Chunk));
            if (record is not null)
            {
                return RecordAnswer.For(context, [record]);
            }
        }

        // A reference question wants the whole enumeration of documents, not the best clause of it.
        var sentence = kind switch
        {
            QuestionKind.Reference => best.Sentences[best.Index],
            QuestionKind.Practice or QuestionKind.Deadline => ClauseTrimmer.TrimPractice(best.Sentences[best.Index], scorer),
            _ => ClauseTrimmer.Trim(best.Sentences[best.Index], scorer),
        };
        var whole = best.Sentences[best.Index];
        // Cut at a clause boundary: say so, at either end.
        var cutBefore = sentence.Length < whole.Length && !whole.StartsWith(sentence[..Math.Min(sentence.Length, 24)], StringComparison.Ordinal);
        if (sentence.Length < whole.Length && !whole.EndsWith(sentence, StringComparison.Ordinal))
        {
            sentence = sentence.TrimEnd('.', ';', ',', ':', ' ') + "…";
        }

        if (cutBefore)
        {
            sentence = "…" + sentence;
        }

        // "Bao nhiêu" is answered by a figure or a rate and "khi nào" by a time: a quote that states none is no answer.
        if ((kind == QuestionKind.Target && !sentence.Any(char.IsAsciiDigit) && !Rate().IsMatch(sentence))
            || (kind == QuestionKind.Deadline && !TimeExpression().IsMatch(sentence)))
        {
            return null;
        }

        if (kind == QuestionKind.Responsibility && !ProperUnitName().IsMatch(sentence) && best.Index > 0)
        {
            // "Chủ trì, phối hợp ... xây dựng dự toán" has its subject in the sentence before.
            sentence = ClauseTrimmer.Trim(best.Sentences[best.Index - 1], scorer) + " " + sentence;
        }

        var parts = new List<string> { sentence };
        var second = candidates.Where(c => ReferenceEquals(c.Chunk, best.Chunk) && c.Index != best.Index && c.Score >= best.Score * 0.75)
            .Select(c => (Candidate?)c).MaxBy(c => c!.Value.Score);
        if (kind is QuestionKind.Practice or QuestionKind.General && second is { } next && sentence.Length < 300)
        {
            parts.Insert(next.Index < best.Index ? 0 : 1, ClauseTrimmer.Trim(next.Sentences[next.Index], scorer));
        }

        parts.AddRange(parts.SelectMany(p => FootnotesFor(scorer, p, best.Chunk, kind)).Distinct().ToList());
        var body = string.Join(" ", parts.Select(p => TextCuts.EndSentence(TextCuts.Capitalize(p))));
        body = SpelledDate().Replace(body, m => $"{m.Value} ({NumericDate(m)})");
        var document = best.Chunk.Document;
        if (best.Chunk.Authority != Authority.Verbatim || document.Authority != Authority.Verbatim)
        {
            body = $"Theo {document.DisplayName}: {body}";
        }
        else if (kind == QuestionKind.Reference && !DocumentNumber().IsMatch(body))
        {
            body = $"{body.TrimEnd('.')} ({document.DisplayName}).";
        }

        return new KnowledgeAnswer(TextCuts.WithAuthorityNote(body, best.Chunk.Authority), true, [TextCuts.Cite(best.Chunk, string.Join(" ", parts))]);
    }

    /// <summary>
    /// A part of a document headed as its objectives or targets ("Mục tiêu cụ thể", "Phân công thực hiện các chỉ tiêu"):
    /// where "bao nhiêu %" is answered, rather than in a task that trains "100% cán bộ".
    /// </summary>
    internal static bool StatesTargets(string heading)
    {
        var folded = VietnameseText.Fold(heading).ToLowerInvariant();
        return folded.Contains("muc tieu", StringComparison.Ordinal) || folded.Contains("chi tieu", StringComparison.Ordinal);
    }

    private static bool HoldsAnswer(Candidate candidate, QuestionKind kind, bool asksDocument)
    {
        if (candidate.Chunk.Row is { } row)
        {
            return kind switch
            {
                QuestionKind.Responsibility => row.Cell(ColumnRole.Lead) is not null,
                QuestionKind.Deadline => row.Cell(ColumnRole.Deadline) is not null,
                QuestionKind.Target => row.Cell(ColumnRole.Subject)?.Value.Contains('%', StringComparison.Ordinal) == true,
                _ => false,
            };
        }

        var traits = candidate.Traits;
        return kind switch
        {
            QuestionKind.Responsibility => traits.HasFlag(SentenceTraits.ProperUnitName),
            QuestionKind.Deadline => traits.HasFlag(SentenceTraits.TimeExpression),
            QuestionKind.Target => traits.HasFlag(SentenceTraits.HasDigit),
            QuestionKind.Reference when asksDocument => traits.HasFlag(SentenceTraits.DocumentNumber),
            _ => true,
        };
    }

    /// <summary>What ranking asks of a sentence whatever the question (see <see cref="ChunkPassage"/>).</summary>
    internal static SentenceTraits TraitsOf(string sentence)
    {
        var traits = SentenceTraits.None;
        void Set(SentenceTraits trait, bool holds) => traits |= holds ? trait : SentenceTraits.None;
        Set(SentenceTraits.EndsWithColon, sentence.TrimEnd().EndsWith(':'));
        Set(SentenceTraits.Boilerplate, Boilerplate().IsMatch(sentence));
        Set(SentenceTraits.ConcreteDate, ConcreteDate().IsMatch(sentence));
        Set(SentenceTraits.TimeExpression, TimeExpression().IsMatch(sentence));
        Set(SentenceTraits.UnitName, UnitName().IsMatch(sentence));
        Set(SentenceTraits.ProperUnitName, ProperUnitName().IsMatch(sentence));
        Set(SentenceTraits.TargetStatement, TargetStatement().IsMatch(sentence));
        Set(SentenceTraits.HasDigit, sentence.Any(char.IsAsciiDigit));
        Set(SentenceTraits.HasPercent, sentence.Contains('%', StringComparison.Ordinal));
        Set(SentenceTraits.DocumentNumber, DocumentNumber().IsMatch(sentence));
        return traits;
    }

    /// <summary>The footnotes a quoted sentence points to ("tỉnh¹"), when the question is about them or asks for a source.</summary>
    private static IEnumerable<string> FootnotesFor(PassageScorer scorer, string sentence, KnowledgeChunk chunk, QuestionKind kind)
    {
        foreach (var number in MarkdownChunker.FootnoteNumbers(sentence))
        {
            var footnote = scorer.Index.Chunks.FirstOrDefault(c => c.Document.Id == chunk.Document.Id && c.Section == $"{MarkdownChunker.FootnoteSection} {number}");
            if (footnote is not null && (kind == QuestionKind.Reference || scorer.Coverage(footnote.Text) > 0.2))
            {
                yield return $"Chú thích {number}: {TextCuts.EndSentence(footnote.Text)}";
            }
        }
    }


    /// <summary>"UBND các xã, phường có trách nhiệm gì?": the items of the section whose heading names the subject.</summary>
    public static KnowledgeAnswer? Duties(PassageScorer scorer, IReadOnlyList<(KnowledgeChunk Chunk, double Score)> hits)
    {
        var best = hits.Where(h => h.Chunk.Row is null && h.Chunk.Heading.Length > 0)
            .Select(h => (h.Chunk, Coverage: scorer.Coverage(ChunkPassage.Of(h.Chunk).HeadingTerms(scorer.Index.Analyzer), DutyWords)))
            .OrderByDescending(h => h.Coverage)
            .FirstOrDefault();
        if (best.Chunk is null || best.Coverage < 0.6)
        {
            return null;
        }

        var items = scorer.Index.Chunks
            .Where(c => c.Document.Id == best.Chunk.Document.Id && c.Section == best.Chunk.Section && c.Heading == best.Chunk.Heading && c.Row is null)
            .Take(6)
            .Select(c => TextCuts.LowerFirst(ChunkPassage.Of(c).Sentences[0].TrimEnd('.', ';', ' ')))
            .ToList();
        var heading = HeadingEnumerator().Replace(best.Chunk.Heading, string.Empty);
        var body = $"{heading}: {string.Join("; ", items)}.";
        return new KnowledgeAnswer(TextCuts.WithAuthorityNote(body, best.Chunk.Authority), true, [TextCuts.Cite(best.Chunk, string.Join("; ", items))]);
    }

    private static readonly HashSet<string> DutyWords = new(["trach", "nhiem", "vu", "lam", "ke", "hoach"], StringComparer.Ordinal);


    private static double AuthorityFactor(Authority authority) => authority switch
    {
        Authority.Verbatim => 1.0,
        Authority.Excerpt => 0.9,
        _ => 0.8,
    };

    /// <summary>
    /// What a cell's column says about its value, in the words questions use ("chủ trì", "phối hợp"); the full header
    /// ("... tổ chức triển khai và báo cáo kết quả ...") would make every row match every question about reports.
    /// </summary>
    private static string RoleWords(TableCell cell) => cell.Role switch
    {
        ColumnRole.Lead => "chủ trì",
        ColumnRole.Partners => RecordAnswer.Cooperates(cell) ? "phối hợp" : "triển khai",
        ColumnRole.Deadline => "thời gian thời hạn",
        _ => string.Empty,
    };

    // The rows say who leads and who cooperates on indicators and tasks; other "who" questions (who reports to whom)
    // are answered by the text.
    private static readonly string[] RowRoleMarkers = ["chu tri", "phoi hop", "theo doi", "phu trach", "chi tieu", "nhiem vu", "don vi nao", "phong nao"];

    private static double RowBonus(TableRowRecord row, QuestionKind kind, bool namesRowRole) => kind switch
    {
        QuestionKind.Responsibility when row.Cell(ColumnRole.Lead) is not null && namesRowRole => 1.25,
        QuestionKind.Deadline when row.Cell(ColumnRole.Deadline) is not null => 1.25,
        QuestionKind.Target when row.Cell(ColumnRole.Subject)?.Value.Contains('%', StringComparison.Ordinal) == true => 1.1,
        QuestionKind.Practice or QuestionKind.Reference => 0.8,
        _ => 1.0,
    };

    /// <summary>
    /// Between target sentences that match about as well, prefer the one that holds all the question's words: "tỷ lệ giáo
    /// viên có kỹ năng số" is answered by the target for teachers, not by the one for pupils that also says "kỹ năng số".
    /// (Only for targets: for lists such as "chủ thể dữ liệu có những quyền gì" it moved the second sentence out.)
    /// </summary>
    private static double TargetCoverage(PassageScorer scorer, IReadOnlySet<uint> heldTerms) => 0.5 + (0.5 * scorer.Coverage(heldTerms, phrases: true));

    /// <summary>How well a sentence holds the kind of fact asked for (a date, a unit, a figure, a document number).</summary>
    private static double KindBonus(SentenceTraits traits, QuestionKind kind, bool asksDocument) =>
        (traits.HasFlag(SentenceTraits.EndsWithColon) ? 0.7 : 1.0) * kind switch
    {
        // A concrete date answers "khi nào" better than "hằng năm" or "thường xuyên".
        QuestionKind.Deadline when traits.HasFlag(SentenceTraits.ConcreteDate) => 1.5,
        QuestionKind.Responsibility when traits.HasFlag(SentenceTraits.UnitName) => 1.2,
        QuestionKind.Deadline when traits.HasFlag(SentenceTraits.TimeExpression) => 1.3,
        // Targets are stated as "80% ..." or "Tỷ lệ ... đạt trên 50%": a sentence that opens with its figure states one.
        QuestionKind.Target when traits.HasFlag(SentenceTraits.TargetStatement) => 1.4,
        QuestionKind.Target when traits.HasFlag(SentenceTraits.HasPercent) || traits.HasFlag(SentenceTraits.HasDigit) => 1.15,
        QuestionKind.Reference when asksDocument && traits.HasFlag(SentenceTraits.DocumentNumber) => 1.5,
        _ => 1.0,
    };

    /// <summary>One sentence (or table row) competing to be the answer: a value, as a question makes dozens.</summary>
    private readonly record struct Candidate(KnowledgeChunk Chunk, IReadOnlyList<string> Sentences, int Index, double Score, SentenceTraits Traits);

    [GeneratedRegex(@"\b(Phòng|phòng|Văn phòng|UBND|Ủy ban|Sở|Bộ|Ban|cơ sở giáo dục|đơn vị|trường|giáo viên|viên chức|Thủ tướng|Chính phủ|Quốc hội)\b")]
    private static partial Regex UnitName();

    [GeneratedRegex(@"\b(Phòng|Văn phòng|Sở|Bộ|Ban|Cục|Vụ)\s+\p{Lu}|\bUBND\b|\bỦy ban\b|Thủ tướng|Chính phủ|Quốc hội|cơ sở giáo dục|giáo viên|viên chức")]
    private static partial Regex ProperUnitName();

    [GeneratedRegex(@"^(\d+([,.]\d+)?%?\s|Tỷ lệ|Tỉ lệ|Mức \d)|đạt (trên |từ |tối thiểu |ít nhất )?\d")]
    private static partial Regex TargetStatement();

    // Letterhead and legal-basis lines name numbers and dates but rarely answer anything.
    [GeneratedRegex(@"^(Số:|Căn cứ\b|Kính gửi|Nơi nhận)|CỘNG HÒA XÃ HỘI|Độc lập\s*[-–—]\s*Tự do|^[^.]{0,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}\s*$")]
    private static partial Regex Boilerplate();


    [GeneratedRegex(@"^([IVXLC]+|\d+(\.\d+)*)\.\s*")]
    private static partial Regex HeadingEnumerator();

    [GeneratedRegex(@"\d{1,2}/\d{1,4}|\bngày \d|\btháng \d|\bnăm \d{4}|\btrước ngày|\bthường xuyên|\bhằng (tháng|quý|năm)|\bđầu năm học|\bhiệu lực", RegexOptions.IgnoreCase)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\d+[/-][\p{L}\d]+(?:[/-][\p{L}\d]+)*-?[\p{Lu}Đ]{2,}|\b\d+/\d{4}/[\p{Lu}Đ\-]+")]
    private static partial Regex DocumentNumber();

    private static string NumericDate(Match m) =>
        m.Groups[3].Success ? $"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}" : $"{m.Groups[1].Value}/{m.Groups[2].Value}";

    [GeneratedRegex(@"(?<![\d/])ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?")]
    private static partial Regex SpelledDate();

    [GeneratedRegex(@"\b(tỷ lệ|tỉ lệ|phần trăm|toàn bộ|tất cả)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();

    [GeneratedRegex(@"\d{1,2}/\d{1,4}|\bngày \d{1,2}|\btháng \d{1,2}", RegexOptions.IgnoreCase)]
    private static partial Regex ConcreteDate();
}
