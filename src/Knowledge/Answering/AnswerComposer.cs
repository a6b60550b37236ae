using DtsAssistant.Knowledge.Answering.Kinds;
using DtsAssistant.Knowledge.Answering.Passages;
using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Answering;

/// <summary>
/// Answers one question in three steps: read it (<see cref="QuestionReader"/>), look for the fact it asks about in the
/// facts compiled at index time (table records, targets, the reporting schedule and lines, documents), and let the
/// answer kind for that fact write the reply. Questions no fact answers (how-to, security, guidelines) get a passage
/// answer; nothing that answers gets an honest decline with nearby topics.
/// </summary>
/// <param name="deadlines">The deployment's reporting deadlines; null: those compiled from the plan's text.</param>
internal sealed class AnswerComposer(KnowledgeIndex index, DateOnly today, ReportingDeadlines? deadlines = null)
{
    /// <summary>Share of the question's topic (idf-weighted) a record must hold to answer who / when about it.</summary>
    internal const double RecordCoverage = 0.6;

    /// <summary>The same without a who / when question word: only a record that holds nearly all of the topic.</summary>
    internal const double PlainRecordCoverage = 0.8;

    /// <summary>Share of the question's topic a target sentence or record must hold to answer "bao nhiêu".</summary>
    internal const double TargetCoverage = 0.75;

    /// <summary>Share of the question's content the chosen passage sentence (with its heading) must hold.</summary>
    internal const double SentenceCoverage = 0.49;

    /// <summary>Share of the question's content (idf-weighted) the best passages must contain to count as an answer.</summary>
    internal const double MinCoverage = 0.5;

    /// <summary>The same for a passage retrieval ranked below the best three: it must hold nearly all of the question.</summary>
    internal const double FullCoverage = 0.75;

    /// <summary>Least total idf of a question's content words for it to name a topic at all.</summary>
    internal const double MinTopicWeight = 3.0;

    /// <summary>Chunks retrieved: enough to tell whether the documents cover the question and to find a section of duties.</summary>
    private const int Candidates = 15;

    /// <summary>Of those, the chunks whose every sentence competes to be the answer.</summary>
    private const int Quoted = 10;

    public KnowledgeAnswer Answer(string question) => Answer(QuestionReader.Read(question, index.IsWord));

    public KnowledgeAnswer Answer(UnderstoodQuestion question)
    {
        if (question.Intent is QuestionIntent.SmallTalk or QuestionIntent.Help)
        {
            return SmallTalkAnswer.For(question);
        }

        var context = new AnswerContext(index, today, question, deadlines);
        var (answer, topic) = FactAnswer(context);
        if (answer is not null)
        {
            return question.IsConfirmation ? ConfirmAnswer.Wrap(context, answer, topic) : answer;
        }

        return PassageOrDecline(context);
    }

    /// <summary>The answer from a compiled fact, with the fact's words (to tell a confirmation's claim from its topic).</summary>
    private (KnowledgeAnswer? Answer, TopicTerms? Topic) FactAnswer(AnswerContext context)
    {
        var question = context.Question;
        var facts = context.Facts;
        if (context.Schedule is { } schedule && ScheduleAnswer.Periods(question) is { Count: > 0 } periods)
        {
            return (ScheduleAnswer.For(context, schedule, periods), null);
        }

        if (question.AsksReportRecipient && facts.Senders.Count > 0)
        {
            return (RecipientAnswer.For(context, facts.Senders), null);
        }

        if (question.References.Count > 0)
        {
            var referenced = question.References.SelectMany(r => facts.ByNumber(r.Label, r.Table, r.Number)).Distinct().ToList();
            if (referenced.Count > 0)
            {
                return (RecordAnswer.For(context, referenced), referenced[0].Terms);
            }

            if (question.References.All(r => r.Label is not null || r.Table is not null))
            {
                return (DeclineAnswer.NoSuchItem(context, question.References[0]), null);
            }
        }

        if (question.Intent == QuestionIntent.ListByUnit && ListAnswer.For(context) is { } list)
        {
            return (list, null);
        }

        if (question.Intent is QuestionIntent.WhatIs or QuestionIntent.General && DocumentAnswer.Title(context) is { } title)
        {
            return (title, null);
        }

        if (question.Intent == QuestionIntent.HowMuch && context.Linker.Weight >= MinTopicWeight)
        {
            return (TargetAnswer.For(context, TargetCoverage), null);
        }

        // One everyday word ("ngày", "trường") names no fact; how-to and which-document questions are answered from text.
        if (question.Intent is QuestionIntent.HowTo or QuestionIntent.WhichDocument || question.AsksDuties || context.Linker.Weight < MinTopicWeight)
        {
            return (null, null);
        }

        var (linked, coverage) = Linked(context);
        if (linked.Count == 0)
        {
            return (null, null);
        }

        // A record answers with its own roles (who leads it, when it is due). When it holds only part of the topic
        // ("ai phát động phong trào X" of an indicator that mentions X), a passage that holds more of it answers instead.
        if (coverage < 1 && Passage(context, coverage + 0.01, onlyCovering: true) is { Found: true } passage)
        {
            return (passage, null);
        }

        return (RecordAnswer.For(context, linked), linked[0].Terms);
    }

    /// <summary>
    /// The records the topic names: the best match, and the best of another table when it matches nearly as well (a topic
    /// such as "học bạ số" is both an indicator and a task).
    /// </summary>
    private static (List<PlanRecord> Records, double Coverage) Linked(AnswerContext context)
    {
        if (context.Linker.Count == 0)
        {
            return ([], 0);
        }

        var least = context.Question.AsksWho || context.Question.Intent == QuestionIntent.When || context.Question.IsConfirmation ? RecordCoverage : PlainRecordCoverage;
        var scored = context.Facts.RecordsUsingAny(context.Question.TopicTokens).Select(r => (Record: r, Match: context.Linker.Match(r.Terms)))
            .Where(x => x.Match.Coverage >= least)
            .OrderByDescending(x => x.Match.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return ([], 0);
        }

        var best = scored[0];
        var chosen = new List<PlanRecord> { best.Record };
        var other = scored.Skip(1).FirstOrDefault(x => x.Record.Table != best.Record.Table && x.Match.Score >= best.Match.Score * 0.85);
        if (other.Record is not null)
        {
            chosen.Add(other.Record);
        }

        return (chosen, best.Match.Coverage);
    }

    /// <summary>
    /// Whether the passages retrieved hold the question: one of the best few holds half of it, or a lower-ranked one
    /// holds nearly all of it (a word typed that the documents never use, "backup", ranks them by its expansion only).
    /// </summary>
    private bool Covered(IReadOnlyList<(Chunking.KnowledgeChunk Chunk, double Score)> hits, PassageScorer scorer)
    {
        for (var i = 0; i < hits.Count; i++)
        {
            var coverage = scorer.Coverage(ChunkPassage.Of(hits[i].Chunk).IndexTerms(index.Analyzer));
            if (coverage >= (i < 3 ? MinCoverage : FullCoverage))
            {
                return true;
            }
        }

        return false;
    }

    private KnowledgeAnswer PassageOrDecline(AnswerContext context) => Passage(context, SentenceCoverage, onlyCovering: false) ?? DeclineAnswer.For(context);

    /// <summary>The passage that answers, or null (the caller declines, or keeps the record it has).</summary>
    private KnowledgeAnswer? Passage(AnswerContext context, double sentenceCoverage, bool onlyCovering)
    {
        var analysis = context.Analysis;
        if (analysis.ContentWords.Count == 0 && analysis.GlossaryMentions.Count == 0)
        {
            return null;
        }

        // One everyday word ("ngày", "trường") is not a topic the documents can answer.
        var scorer = new PassageScorer(index, analysis);
        if (analysis.GlossaryMentions.Count == 0 && scorer.ContentWeight < MinTopicWeight)
        {
            return null;
        }

        var hits = index.Search(analysis, Candidates);
        if (hits.Count == 0 || !Covered(hits, scorer))
        {
            return null;
        }

        // Only text sentences holding more of the topic than the record may answer instead of it; a sentence holds no
        // more of it than its heading and sentences together, so a question no quoted chunk's text covers stops here.
        var quoted = hits.Count > Quoted ? hits.Take(Quoted).ToList() : hits;
        if (onlyCovering && !quoted.Any(h => h.Chunk.Row is null && CoversMore(context, scorer, ChunkPassage.Of(h.Chunk), sentenceCoverage)))
        {
            return null;
        }

        if (context.Question.AsksDuties && PassageAnswer.Duties(scorer, hits) is { } duties)
        {
            return duties;
        }

        return PassageAnswer.Best(context, scorer, quoted, sentenceCoverage, onlyCovering);
    }

    private bool CoversMore(AnswerContext context, PassageScorer scorer, ChunkPassage passage, double coverage) =>
        scorer.Coverage(passage.TextTerms(index.Analyzer)) >= coverage && context.Linker.Match(passage.Topic(index.Analyzer.Glossary)).Coverage >= coverage;
}
