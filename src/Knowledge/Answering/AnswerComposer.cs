using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Documents;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>
/// Builds one grounded answer: retrieves chunks, checks they cover the question, then answers in the shape the question
/// kind asks for — a table row's lead unit or deadline, the reporting schedule relative to today, or the few sentences
/// (trimmed to the matching clauses) that answer it — fact first, then citations.
/// </summary>
internal sealed partial class AnswerComposer(KnowledgeIndex index, DateOnly today)
{
    /// <summary>Share of the question's content (idf-weighted) the best passage must contain to count as an answer.</summary>
    internal const double MinCoverage = 0.5;

    /// <summary>Least total idf of a question's content words for it to name a topic at all.</summary>
    internal const double MinTopicWeight = 3.0;

    private const int Candidates = 15;
    private const int LongSentence = 400;
    private const int MaxQuote = 480;
    private const int ShortAnswer = 420;
    private const int MaxSubjectWords = 16;
    private const int LongPractice = 35;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public KnowledgeAnswer Answer(string question)
    {
        var analysis = index.Analyzer.AnalyzeQuery(question);
        if (analysis.ContentWords.Count == 0 && analysis.GlossaryMentions.Count == 0)
        {
            return NotFound();
        }

        var kind = QuestionClassifier.Classify(question);
        if (kind == QuestionKind.Deadline && index.Schedule is { } schedule && QuestionClassifier.PeriodicReports(question) is { Count: > 0 } periods)
        {
            return ScheduleAnswer(schedule, periods);
        }

        if (kind == QuestionKind.Responsibility && index.Schedule is { } lines && QuestionClassifier.AsksReportRecipient(question) && RecipientAnswer(lines, analysis) is { } recipient)
        {
            return recipient;
        }

        // One everyday word ("ngày", "trường") is not a topic the documents can answer.
        if (analysis.GlossaryMentions.Count == 0 && analysis.ContentWords.Sum(w => index.Index.Idf("u:" + w)) < MinTopicWeight)
        {
            return NotFound();
        }

        if (QuestionClassifier.AsksWhatDocumentIsAbout(question) && TitleAnswer(question, analysis) is { } title)
        {
            return title;
        }

        var hits = index.Search(analysis, Candidates);
        if (hits.Count == 0 || hits.Take(3).Max(h => Coverage(analysis, h.Chunk.IndexText)) < MinCoverage)
        {
            return NotFound();
        }

        if (QuestionClassifier.AsksForDuties(question) && SectionAnswer(hits, analysis) is { } duties)
        {
            return duties;
        }

        return BestPassageAnswer(hits, kind, analysis, question);
    }

    /// <summary>idf-weighted share of the question's content words found in a chunk (glossary equivalents count).</summary>
    /// <param name="phrases">
    /// Count a two-syllable word of the question that the documents also use only as that word: "giáo viên" is then not
    /// covered by a sentence with "giáo dục" and "sinh viên". Used to rank sentences, not to decide whether anything answers:
    /// chance pairs ("nên làm") would make good paraphrases look uncovered.
    /// </param>
    internal double Coverage(QueryAnalysis analysis, string text, IReadOnlySet<string>? ignore = null, bool phrases = false)
    {
        var terms = index.TermSet(text);
        var accented = AccentedForms(analysis);
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
            foreach (var (term, first, second) in Phrases(analysis))
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
    // worked out once.
    private (QueryAnalysis Analysis, List<(string Term, string First, string Second)> Phrases)? phrasesOf;
    private (QueryAnalysis Analysis, Dictionary<string, List<string>> Forms)? accentedOf;

    /// <summary>The question's adjacent content-word pairs that occur as a pair somewhere in the documents.</summary>
    private List<(string Term, string First, string Second)> Phrases(QueryAnalysis analysis)
    {
        if (phrasesOf is { } known && ReferenceEquals(known.Analysis, analysis))
        {
            return known.Phrases;
        }

        var phrases = FindPhrases(analysis);
        phrasesOf = (analysis, phrases);
        return phrases;
    }

    private List<(string Term, string First, string Second)> FindPhrases(QueryAnalysis analysis)
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
    private Dictionary<string, List<string>> AccentedForms(QueryAnalysis analysis)
    {
        if (accentedOf is { } known && ReferenceEquals(known.Analysis, analysis))
        {
            return known.Forms;
        }

        var found = FindAccentedForms(analysis);
        accentedOf = (analysis, found);
        return found;
    }

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

    /// <summary>
    /// "Quyết định 447 quy định gì?": the named document's title from its front matter answers it, rather than the
    /// header lines ("Số: ...", "Căn cứ ...") that name the number most often.
    /// </summary>
    private KnowledgeAnswer? TitleAnswer(string question, QueryAnalysis analysis)
    {
        var named = index.Documents.Where(d => d.Number.Length > 0 && !d.Number.StartsWith('(') && NamesDocument(question, d)).ToList();
        if (named.Count != 1)
        {
            return null;
        }

        // Only when the question asks nothing beyond the document itself; "QĐ 447 quy định mật khẩu thế nào" is a topic.
        var document = named[0];
        var own = new HashSet<string>(VietnameseTokenizer.Tokenize($"{document.Kind} {document.Number} {document.Issuer} số nội dung văn bản quy định về việc vấn đề chính ban hành bộ gdđt").Select(t => t.Folded), StringComparer.Ordinal);
        if (analysis.ContentWords.Count(w => !own.Contains(w)) > 1)
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

        var source = index.Chunks.FirstOrDefault(c => c.Document.Id == document.Id && c.Section == MarkdownChunker.MetadataSection)
            ?? index.Chunks.First(c => c.Document.Id == document.Id);
        return new KnowledgeAnswer(text, true, [new Citation(document.DisplayName, source.Section, Quote(title))]);
    }

    private KnowledgeAnswer NotFound()
    {
        var plan = index.Documents.FirstOrDefault(d => d.Authority == Authority.Verbatim)?.DisplayName ?? "tài liệu";
        return new KnowledgeAnswer(
            $"Tôi chưa tìm thấy nội dung này trong {plan} và các văn bản hướng dẫn đang có. Tôi có thể trả lời về trách nhiệm, thời hạn, chỉ tiêu và an toàn thông tin trong kế hoạch chuyển đổi số của ngành.",
            false,
            []);
    }

    private KnowledgeAnswer ScheduleAnswer(ReportingSchedule schedule, List<ReportPeriod> periods)
    {
        var sentences = new List<string>();
        foreach (var period in periods)
        {
            if (schedule.Next(period, today) is not { } due)
            {
                continue;
            }

            var rule = period switch
            {
                ReportPeriod.Monthly => $"Báo cáo tháng nộp trước ngày {schedule.MonthlyDay} hằng tháng",
                ReportPeriod.Quarterly => $"Báo cáo quý nộp trước ngày {schedule.QuarterlyDay} tháng cuối quý",
                _ => $"Báo cáo năm nộp trước ngày {schedule.Annual!.Value.Day}/{schedule.Annual.Value.Month}",
            };
            var current = period switch
            {
                ReportPeriod.Monthly => due.CurrentPeriodPassed ? "hạn tháng này đã qua, tháng sau" : "tháng này",
                ReportPeriod.Quarterly => due.CurrentPeriodPassed ? "hạn quý này đã qua, quý sau" : "quý này",
                _ => due.CurrentPeriodPassed ? "hạn năm nay đã qua, năm sau" : "năm nay",
            };
            sentences.Add($"{rule} — {current} là trước {Date(due.DueBefore)} (ngày cuối cùng {Date(due.LastDay)}), còn {due.DaysLeft(today)} ngày.");
        }

        var recipients = Recipients().Match(schedule.Source.Text);
        if (recipients.Success)
        {
            sentences.Add(Capitalize(recipients.Groups[1].Value.Trim()) + ".");
        }

        var answer = string.Join(" ", sentences);
        return new KnowledgeAnswer(answer, true, [Cite(schedule.Source, Quote(schedule.Source.Text))]);
    }

    /// <summary>
    /// "Trường tiểu học nộp báo cáo cho ai?": the reporting line written next to the reporting schedule — the clause for
    /// the sender the question names, or every clause when it names none.
    /// </summary>
    private KnowledgeAnswer? RecipientAnswer(ReportingSchedule schedule, QueryAnalysis analysis)
    {
        var recipients = Recipients().Match(schedule.Source.Text);
        if (!recipients.Success)
        {
            return null;
        }

        var clauses = recipients.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Senders are told apart by accented words when the question has them: folded "so" is both "Sở" and "số".
        var accented = analysis.Accented;
        var scores = clauses.Select(c =>
        {
            var terms = index.TermSet(Regex.Replace(c, "báo cáo về.*", string.Empty));
            return analysis.Terms.Keys.Where(t => t.StartsWith(accented ? "a:" : "u:", StringComparison.Ordinal) && terms.Contains(t)).Sum(index.Index.Idf);
        }).ToArray();
        var max = scores.Max();
        var chosen = max > 0 ? clauses.Where((_, i) => scores[i] == max) : clauses;
        var text = EndSentence(Capitalize(string.Join("; ", chosen)));
        return new KnowledgeAnswer(text, true, [Cite(schedule.Source, Quote(schedule.Source.Text))]);
    }

    private KnowledgeAnswer RowAnswer(KnowledgeChunk chunk, TableRowRecord row, QuestionKind kind, QueryAnalysis analysis)
    {
        var subject = ShortSubject(row.Cell(ColumnRole.Subject)?.Value.TrimEnd('.', ' ') ?? string.Empty, analysis.ContentWords);
        var lead = row.Cell(ColumnRole.Lead);
        var partners = row.Cell(ColumnRole.Partners);
        var deadline = row.Cell(ColumnRole.Deadline);
        var item = $"{row.ItemLabel} {row.Number}";
        var text = new StringBuilder();
        switch (kind)
        {
            // Deadline first, then who leads in a few words: the full column headers would double the answer.
            case QuestionKind.Deadline when deadline is not null:
                text.Append(CultureInfo.InvariantCulture, $"{Capitalize(item)} ({subject}) có thời hạn: {LowerFirst(deadline.Value)}{Relative(deadline.Value)}");
                if (lead is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $"; {lead.Value} {LeadRole(lead.Header)}");
                }

                text.Append('.');
                break;
            case QuestionKind.Responsibility when lead is not null:
                text.Append(CultureInfo.InvariantCulture, $"{lead.Value} {LeadRole(lead.Header)} {item} ({subject}).");
                if (partners is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {PartnerRole(partners)}: {partners.Value}.");
                }

                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"{Capitalize(item)} của {row.Table}: {subject}.");
                if (deadline is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" Thời hạn: {LowerFirst(deadline.Value)}{Relative(deadline.Value)}.");
                }

                if (lead is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {Capitalize(LeadRole(lead.Header))}: {lead.Value}.");
                }

                break;
        }

        return new KnowledgeAnswer(WithAuthorityNote(text.ToString(), chunk.Authority), true, [Cite(chunk, Quote(chunk.Text))]);
    }

    /// <summary>
    /// A long indicator or task keeps its opening words (up to a clause break, and at least up to the last word the
    /// question asked about, so "... không dùng tiền mặt" stays) and ends with "…".
    /// </summary>
    internal static string ShortSubject(string subject, IReadOnlyCollection<string> questionWords)
    {
        var words = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var keep = MaxSubjectWords;
        for (var i = words.Length - 1; i >= MaxSubjectWords; i--)
        {
            if (questionWords.Contains(VietnameseText.NormalizeAndFold(words[i].Trim(',', ';', ':', '.', '(', ')'))))
            {
                keep = i + 1;
                break;
            }
        }

        if (words.Length <= keep + 2)
        {
            return subject;
        }

        var cut = string.Join(' ', words.Take(keep));
        var clause = cut.LastIndexOfAny([',', ';', ':']);
        if (keep == MaxSubjectWords && clause > cut.Length / 2)
        {
            cut = cut[..clause];
        }

        return cut.TrimEnd(',', ';', ':', ' ', '(') + "…";
    }

    /// <summary>"Đơn vị tổ chức triển khai và báo cáo ..." reads as "Đơn vị triển khai"; "Đơn vị phối hợp" as "Phối hợp".</summary>
    private static string PartnerRole(TableCell cell) => RoleWords(cell) == "phối hợp" ? "Phối hợp" : "Đơn vị triển khai";

    /// <summary>
    /// Ranks every sentence of the retrieved chunks and every retrieved table row together, by the question's terms
    /// (idf-weighted), the chunk's retrieval score, how authoritative its source is, whether the question names its
    /// document, and whether it holds the kind of fact asked for; then answers from the winner.
    /// </summary>
    private KnowledgeAnswer BestPassageAnswer(IReadOnlyList<(KnowledgeChunk Chunk, double Score)> hits, QuestionKind kind, QueryAnalysis analysis, string question)
    {
        var topScore = hits[0].Score;
        var counted = VietnameseAnalyzer.CountedNoun(index.Analyzer.Tokenize(question));
        var asksDocument = kind == QuestionKind.Reference && QuestionClassifier.AsksForDocument(question);
        var candidates = new List<Candidate>();
        foreach (var (chunk, score) in hits)
        {
            var factor = (0.6 + (0.4 * score / topScore)) * AuthorityFactor(chunk.Authority) * (NamesDocument(question, chunk) ? 1.5 : 1.0)
                * (chunk.Section == MarkdownChunker.MetadataSection && kind is not (QuestionKind.Reference or QuestionKind.Deadline or QuestionKind.Responsibility) ? 0.6 : 1.0)
                * (kind == QuestionKind.Target && chunk.Trail.Any(StatesTargets) ? 1.25 : 1.0);
            if (chunk.Row is { } row)
            {
                var rowText = string.Join("\n", new[] { chunk.Heading }.Concat(row.Cells.Where(c => c.Role != ColumnRole.Number).Select(c => $"{RoleWords(c)} {c.Value}")));
                candidates.Add(new Candidate(chunk, [chunk.Text], 0, ScoreText(rowText, analysis) * factor * RowBonus(row, kind, question)));
                continue;
            }

            var heading = ScoreText(chunk.Heading, analysis) * 0.3;
            var sentences = SplitSentences(chunk.Text);
            for (var i = 0; i < sentences.Count; i++)
            {
                var countBonus = counted is not null && Regex.IsMatch(VietnameseText.NormalizeAndFold(sentences[i]), $@"\d+ {Regex.Escape(counted)}\b") ? 3.0 : 1.0;
                var boilerplate = Boilerplate().IsMatch(sentences[i]) ? 0.35 : 1.0;
                candidates.Add(new Candidate(chunk, sentences, i, (ScoreText(sentences[i], analysis) + heading) * factor * KindBonus(sentences[i], kind, asksDocument) * countBonus * boilerplate
                    * (kind == QuestionKind.Target ? SentenceCoverage(analysis, chunk.Heading + "\n" + sentences[i]) : 1.0)));
            }
        }

        // Prefer a passage that holds the kind of fact asked for (a date for "khi nào", a unit for "ai") over a
        // slightly better match that does not answer.
        var best = candidates.MaxBy(c => c.Score)!;
        var typed = candidates.Where(c => HoldsAnswer(c, kind, asksDocument)).MaxBy(c => c.Score);
        if (typed is not null && !HoldsAnswer(best, kind, asksDocument) && typed.Score >= best.Score * 0.45)
        {
            best = typed;
        }

        if (best.Chunk.Row is { } bestRow)
        {
            return RowAnswer(best.Chunk, bestRow, kind, analysis);
        }

        // A reference question wants the whole enumeration of documents, not the best clause of it.
        var sentence = kind switch
        {
            QuestionKind.Reference => best.Sentences[best.Index],
            QuestionKind.Practice => TrimPractice(best.Sentences[best.Index], analysis),
            _ => Trim(best.Sentences[best.Index], analysis),
        };
        if (kind == QuestionKind.Responsibility && !ProperUnitName().IsMatch(sentence) && best.Index > 0)
        {
            // "Chủ trì, phối hợp ... xây dựng dự toán" has its subject in the sentence before.
            sentence = Trim(best.Sentences[best.Index - 1], analysis) + " " + sentence;
        }

        var parts = new List<string> { sentence };
        var second = candidates.Where(c => c != best && c.Chunk == best.Chunk && c.Index != best.Index && c.Score >= best.Score * 0.75).MaxBy(c => c.Score);
        if (kind is QuestionKind.Practice or QuestionKind.General && second is not null && sentence.Length < 300)
        {
            parts.Insert(second.Index < best.Index ? 0 : 1, Trim(second.Sentences[second.Index], analysis));
        }

        parts.AddRange(parts.SelectMany(p => FootnotesFor(p, best.Chunk, kind, analysis)).Distinct().ToList());
        var body = string.Join(" ", parts.Select(p => EndSentence(Capitalize(p))));
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

        return new KnowledgeAnswer(WithAuthorityNote(body, best.Chunk.Authority), true, [Cite(best.Chunk, Quote(string.Join(" ", parts)))]);
    }

    /// <summary>
    /// A part of a document headed as its objectives or targets ("Mục tiêu cụ thể", "Phân công thực hiện các chỉ tiêu"):
    /// where "bao nhiêu %" is answered, rather than in a task that trains "100% cán bộ".
    /// </summary>
    private static bool StatesTargets(string heading)
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

        var sentence = candidate.Sentences[candidate.Index];
        return kind switch
        {
            QuestionKind.Responsibility => ProperUnitName().IsMatch(sentence),
            QuestionKind.Deadline => TimeExpression().IsMatch(sentence),
            QuestionKind.Target => Regex.IsMatch(sentence, @"\d"),
            QuestionKind.Reference when asksDocument => DocumentNumber().IsMatch(sentence),
            _ => true,
        };
    }

    /// <summary>The footnotes a quoted sentence points to ("tỉnh¹"), when the question is about them or asks for a source.</summary>
    private IEnumerable<string> FootnotesFor(string sentence, KnowledgeChunk chunk, QuestionKind kind, QueryAnalysis analysis)
    {
        foreach (var number in MarkdownChunker.FootnoteNumbers(sentence))
        {
            var footnote = index.Chunks.FirstOrDefault(c => c.Document.Id == chunk.Document.Id && c.Section == $"{MarkdownChunker.FootnoteSection} {number}");
            if (footnote is not null && (kind == QuestionKind.Reference || Coverage(analysis, footnote.Text) > 0.2))
            {
                yield return $"Chú thích {number}: {EndSentence(footnote.Text)}";
            }
        }
    }

    /// <summary>"UBND các xã, phường có trách nhiệm gì?": the items of the section whose heading names the subject.</summary>
    private KnowledgeAnswer? SectionAnswer(IReadOnlyList<(KnowledgeChunk Chunk, double Score)> hits, QueryAnalysis analysis)
    {
        var best = hits.Where(h => h.Chunk.Row is null && h.Chunk.Heading.Length > 0)
            .Select(h => (h.Chunk, Coverage: Coverage(analysis, h.Chunk.Heading, DutyWords)))
            .OrderByDescending(h => h.Coverage)
            .FirstOrDefault();
        if (best.Chunk is null || best.Coverage < 0.6)
        {
            return null;
        }

        var items = index.Chunks
            .Where(c => c.Document.Id == best.Chunk.Document.Id && c.Section == best.Chunk.Section && c.Heading == best.Chunk.Heading && c.Row is null)
            .Take(6)
            .Select(c => LowerFirst(SplitSentences(c.Text)[0].TrimEnd('.', ';', ' ')))
            .ToList();
        var heading = HeadingEnumerator().Replace(best.Chunk.Heading, string.Empty);
        var body = $"{heading}: {string.Join("; ", items)}.";
        return new KnowledgeAnswer(WithAuthorityNote(body, best.Chunk.Authority), true, [Cite(best.Chunk, Quote(string.Join("; ", items)))]);
    }

    private static readonly HashSet<string> DutyWords = new(["trach", "nhiem", "vu", "lam", "ke", "hoach"], StringComparer.Ordinal);

    /// <summary>
    /// A question that names a document's number ("QĐ 4725", "Thông tư 02/2025") wants that document; "kế hoạch này"
    /// means the document the assistant is about (the verbatim one).
    /// </summary>
    private bool NamesDocument(string question, KnowledgeChunk chunk) => NamesDocument(question, chunk.Document);

    /// <summary>Asked for every candidate chunk; the answer depends only on the question and the document.</summary>
    private readonly Dictionary<(string Question, string Document), bool> namesDocument = [];

    private bool NamesDocument(string question, DocumentInfo document)
    {
        if (!namesDocument.TryGetValue((question, document.Id), out var names))
        {
            names = DocumentNamedIn(question, document);
            namesDocument[(question, document.Id)] = names;
        }

        return names;
    }

    private static bool DocumentNamedIn(string question, DocumentInfo document)
    {
        var words = QuestionClassifier.FoldedWords(question);
        if (document.Authority == Authority.Verbatim && (words.Contains(" ke hoach nay ", StringComparison.Ordinal) || words.Contains(" van ban nay ", StringComparison.Ordinal)))
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
        ColumnRole.Partners => VietnameseText.NormalizeAndFold(cell.Header).Contains("phoi hop", StringComparison.Ordinal) ? "phối hợp" : "triển khai",
        ColumnRole.Deadline => "thời gian thời hạn",
        _ => string.Empty,
    };

    // The rows say who leads and who cooperates on indicators and tasks; other "who" questions (who reports to whom)
    // are answered by the text.
    private static readonly string[] RowRoleMarkers = ["chu tri", "phoi hop", "theo doi", "phu trach", "chi tieu", "nhiem vu", "don vi nao", "phong nao"];

    private static double RowBonus(TableRowRecord row, QuestionKind kind, string question) => kind switch
    {
        QuestionKind.Responsibility when row.Cell(ColumnRole.Lead) is not null && RowRoleMarkers.Any(VietnameseText.NormalizeAndFold(question).Contains) => 1.25,
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
    private double SentenceCoverage(QueryAnalysis analysis, string text) => 0.5 + (0.5 * Coverage(analysis, text, phrases: true));

    private double ScoreText(string text, QueryAnalysis analysis)
    {
        var terms = index.TermSet(text);
        double score = 0;
        foreach (var (term, weight) in analysis.Terms)
        {
            if (terms.Contains(term))
            {
                score += index.Index.Idf(term) * weight ;
            }
        }

        return score;
    }

    private static double KindBonus(string sentence, QuestionKind kind, bool asksDocument) =>
        (sentence.TrimEnd().EndsWith(':') ? 0.7 : 1.0) * kind switch
    {
        // A concrete date answers "khi nào" better than "hằng năm" or "thường xuyên".
        QuestionKind.Deadline when ConcreteDate().IsMatch(sentence) => 1.5,
        QuestionKind.Responsibility when UnitName().IsMatch(sentence) => 1.2,
        QuestionKind.Deadline when TimeExpression().IsMatch(sentence) => 1.3,
        // Targets are stated as "80% ..." or "Tỷ lệ ... đạt trên 50%": a sentence that opens with its figure states one.
        QuestionKind.Target when TargetStatement().IsMatch(sentence) => 1.4,
        QuestionKind.Target when sentence.Contains('%', StringComparison.Ordinal) || Regex.IsMatch(sentence, @"\d") => 1.15,
        QuestionKind.Reference when asksDocument && DocumentNumber().IsMatch(sentence) => 1.5,
        _ => 1.0,
    };

    /// <summary>
    /// A long sentence keeps only the clauses (split at ";", and at a parenthesis the split leaves open) that match the
    /// question well: "... (A báo cáo về Sở ...; B báo cáo về UBND ...) ..." answers "B báo cáo về đâu" with B's clause.
    /// </summary>
    private string Trim(string sentence, QueryAnalysis analysis)
    {
        if (sentence.Length <= LongSentence)
        {
            return sentence;
        }

        var clauses = sentence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Unbracket(c, analysis))
            .ToArray();
        if (clauses.Length < 2)
        {
            return clauses[0];
        }

        var scores = clauses.Select(c => ScoreText(c, analysis)).ToArray();
        var max = scores.Max();
        var joined = string.Join("; ", clauses.Where((_, i) => scores[i] >= max * 0.6));
        return joined.Length <= ShortAnswer ? joined : clauses[Array.IndexOf(scores, max)];
    }

    /// <summary>
    /// A long guideline bullet keeps the clauses that answer the question: the ";"-clauses that match it, then, when
    /// still long, the comma items after a lead-in ("quản lý tài khoản: không dùng chung, đặt mật khẩu ...") that
    /// match, with the lead-in kept for sense.
    /// </summary>
    private string TrimPractice(string sentence, QueryAnalysis analysis)
    {
        if (WordCount(sentence) <= LongPractice)
        {
            return sentence;
        }

        var clauses = sentence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scores = clauses.Select(c => ScoreText(c, analysis)).ToArray();
        var max = scores.Max();
        if (max <= 0)
        {
            return Trim(sentence, analysis);
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

        // Without a lead-in, a long first item holds the verb the others depend on.
        var verbFirst = colon < 0 && WordCount(items[0]) >= 6;
        var matching = items.Where((item, i) => (verbFirst && i == 0) || ScoreText(item, analysis) > 0).ToList();
        if (matching.Count == items.Count || matching.Count == (verbFirst ? 1 : 0))
        {
            return kept.Length <= ShortAnswer ? kept : Trim(kept, analysis);
        }

        return $"{leadIn} {string.Join(", ", matching)}".Trim();
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A clause cut out of a parenthesis keeps the side of the open bracket that matches the question better.</summary>
    private string Unbracket(string clause, QueryAnalysis analysis)
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
            ScoreText(second, analysis) > ScoreText(first, analysis) ? second.Trim() : first.Trim();
    }

    internal static List<string> SplitSentences(string text)
    {
        var sentences = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sentences.AddRange(SentenceBreak().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return sentences;
    }

    private string Relative(string deadline)
    {
        DateOnly? date = null;
        if (FullDate().Match(deadline) is { Success: true } full)
        {
            date = SafeDate(full.Groups[3].Value, full.Groups[2].Value, full.Groups[1].Value);
        }
        else if (MonthYear().Match(deadline) is { Success: true } month && SafeDate(month.Groups[2].Value, month.Groups[1].Value, "1") is { } first)
        {
            date = first.AddMonths(1).AddDays(-1);
        }

        if (date is not { } value)
        {
            return string.Empty;
        }

        var days = value.DayNumber - today.DayNumber;
        return days >= 0 ? $" (còn {days} ngày)" : " (mốc này đã qua)";
    }

    private static DateOnly? SafeDate(string year, string month, string day) =>
        DateOnly.TryParseExact($"{int.Parse(year, CultureInfo.InvariantCulture):D4}-{int.Parse(month, CultureInfo.InvariantCulture):D2}-{int.Parse(day, CultureInfo.InvariantCulture):D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>"Đơn vị chủ trì theo dõi, hướng dẫn, đôn đốc ..." reads as "chủ trì theo dõi".</summary>
    private static string LeadRole(string header)
    {
        var role = header.StartsWith("Đơn vị ", StringComparison.OrdinalIgnoreCase) ? header["Đơn vị ".Length..] : header;
        var comma = role.IndexOf(',', StringComparison.Ordinal);
        return LowerFirst(comma > 0 ? role[..comma] : role);
    }

    private static Citation Cite(KnowledgeChunk chunk, string quote) => new(chunk.Document.DisplayName, chunk.Section, quote);

    private static string Quote(string text) => text.Length <= MaxQuote ? text : text[..MaxQuote].TrimEnd() + "…";

    private static string WithAuthorityNote(string answer, Authority authority) => authority switch
    {
        Authority.Excerpt => answer + " (Lưu ý: nguồn là bản trích, cần đối chiếu văn bản gốc.)",
        Authority.Summary => answer + " (Lưu ý: nguồn là bản tóm tắt, cần đối chiếu văn bản gốc.)",
        _ => answer,
    };

    private static string Date(DateOnly date) => date.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    private static string NumericDate(Match m) =>
        m.Groups[3].Success ? $"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}" : $"{m.Groups[1].Value}/{m.Groups[2].Value}";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Vietnamese) + text[1..];

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], Vietnamese) + text[1..] : text;

    private static string EndSentence(string text) => text.Length > 0 && ".!?…)".Contains(text[^1], StringComparison.Ordinal) ? text : text.TrimEnd(';', ',', ':', ' ') + ".";

    private sealed record Candidate(KnowledgeChunk Chunk, List<string> Sentences, int Index, double Score);

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d“""(])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(Phòng|phòng|Văn phòng|UBND|Ủy ban|Sở|Bộ|Ban|cơ sở giáo dục|đơn vị|trường|giáo viên|viên chức|Thủ tướng|Chính phủ|Quốc hội)\b")]
    private static partial Regex UnitName();

    [GeneratedRegex(@"\b(Phòng|Văn phòng|Sở|Bộ|Ban|Cục|Vụ)\s+\p{Lu}|\bUBND\b|\bỦy ban\b|Thủ tướng|Chính phủ|Quốc hội|cơ sở giáo dục|giáo viên|viên chức")]
    private static partial Regex ProperUnitName();

    [GeneratedRegex(@"^(\d+([,.]\d+)?%?\s|Tỷ lệ|Tỉ lệ|Mức \d)|đạt (trên |từ |tối thiểu |ít nhất )?\d")]
    private static partial Regex TargetStatement();

    // Letterhead and legal-basis lines name numbers and dates but rarely answer anything.
    [GeneratedRegex(@"^(Số:|Căn cứ\b|Kính gửi|Nơi nhận)|CỘNG HÒA XÃ HỘI|Độc lập\s*[-–—]\s*Tự do|^[^.]{0,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}\s*$")]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"^(các|những|từ|và|hoặc|của|cho|với|trên|theo|nhất là)\s")]
    private static partial Regex ContinuesItem();

    [GeneratedRegex(@"^(\d+)")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^([IVXLC]+|\d+(\.\d+)*)\.\s*")]
    private static partial Regex HeadingEnumerator();

    [GeneratedRegex(@"\d{1,2}/\d{1,4}|\bngày \d|\btháng \d|\bnăm \d{4}|\btrước ngày|\bthường xuyên|\bhằng (tháng|quý|năm)|\bđầu năm học|\bhiệu lực", RegexOptions.IgnoreCase)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\d+[/-][\p{L}\d]+(?:[/-][\p{L}\d]+)*-?[\p{Lu}Đ]{2,}|\b\d+/\d{4}/[\p{Lu}Đ\-]+")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex(@"(?<![\d/])ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?")]
    private static partial Regex SpelledDate();

    [GeneratedRegex(@"(\d{1,2})/(\d{1,2})/(\d{4})")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"\d{1,2}/\d{1,4}|\bngày \d{1,2}|\btháng \d{1,2}", RegexOptions.IgnoreCase)]
    private static partial Regex ConcreteDate();

    [GeneratedRegex(@"[Tt]háng (\d{1,2})/(\d{4})")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\(([^()]*báo cáo về[^()]*)\)")]
    private static partial Regex Recipients();
}
