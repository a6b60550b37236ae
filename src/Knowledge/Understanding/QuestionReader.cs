using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Knowledge.Understanding;

/// <summary>
/// Reads a question into an <see cref="UnderstoodQuestion"/>: its intent from the question words (a closed class of
/// words, listed in <see cref="QuestionLexicon"/>), item references by number, the reporting period and sender it names,
/// and the topic words left once question words, fillers and references are taken out. Needs no index: the topic words
/// are linked to facts afterwards (<see cref="Facts.TopicLinker"/>).
/// </summary>
public static class QuestionReader
{
    /// <param name="question">The question as typed.</param>
    /// <param name="isWord">
    /// Whether two folded syllables are one word of the documents ("nang" "luc", "dien" "tu"), when an index is at hand:
    /// a syllable that reads as a filler ("luc" as "lúc", "tu" as "từ", "cho" in "cho phép") stays in the topic when it
    /// completes such a word with the content syllable next to it, typed with diacritics or without.
    /// </param>
    public static UnderstoodQuestion Read(string question, Func<string, string, bool>? isWord = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var tokens = VietnameseTokenizer.Tokenize(question);
        var accented = VietnameseText.HasDiacritics(question);
        var words = new PhraseMatcher(tokens, accented);
        var removed = new bool[tokens.Count];

        var references = ReadReferences(tokens, removed);
        var smallTalk = ReadSmallTalk(words, tokens.Count, out var help);
        var confirmation = words.MarkAny(QuestionLexicon.Confirmation, removed);
        var intent = help ? QuestionIntent.Help
            : smallTalk != SmallTalkKind.None ? QuestionIntent.SmallTalk
            : ReadIntent(words, question);

        // Every question word is taken out of the topic, whatever intent won.
        words.MarkAny(QuestionLexicon.AnyIntentPhrase, removed);

        words.MarkAny(QuestionLexicon.PlanItself, removed);
        var mentionsReport = words.Has(QuestionLexicon.Report) || words.Has(QuestionLexicon.SubmitOnly);
        var topic = new List<Token>();
        var joins = new List<bool>();
        var last = -2;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!removed[i] && (BeginsCompound(tokens, i, accented) || IsContent(tokens, i, accented) || CompletesWord(tokens, removed, i, accented, isWord)))
            {
                if (joins.Count > 0)
                {
                    joins[^1] = last == i - 1 && tokens[last].Segment == tokens[i].Segment;
                }

                topic.Add(tokens[i]);
                joins.Add(false);
                last = i;
            }
        }

        var periods = ReadPeriods(words, mentionsReport, intent);
        // Reported figures: words about filing or progress, or a rate asked for a period or with nothing that makes it a
        // target of the plan ("tỷ lệ giáo viên có chữ ký số toàn tỉnh" is a figure; "... phải đạt bao nhiêu" a target).
        var figures = words.Has(QuestionLexicon.ReportedFigures)
            || (intent == QuestionIntent.HowMuch && (ReadsAsPeriod(words) || !words.Has(QuestionLexicon.PlanTarget)));
        return new UnderstoodQuestion(
            question,
            intent,
            smallTalk,
            confirmation,
            references,
            periods,
            ReadSender(words),
            mentionsReport,
            mentionsReport && words.Has(QuestionLexicon.Recipient),
            figures,
            topic) { Tokens = tokens, TopicJoins = joins, AsksDuties = words.Has(QuestionLexicon.Duties) || (words.Has(QuestionLexicon.DutyOf) && words.Has(QuestionLexicon.IsWhat)) };
    }

    /// <summary>
    /// "không dùng tiền mặt", "sao lưu dữ liệu": "không" and "sao" before a content word are part of the topic, not the
    /// question particles "… không?", "sao …?".
    /// </summary>
    private static bool IsContent(IReadOnlyList<Token> tokens, int i, bool accented) =>
        !VietnameseAnalyzer.IsStopWord(tokens[i], accented) && !QuestionLexicon.IsFiller(tokens[i], accented);

    private static bool CompletesWord(IReadOnlyList<Token> tokens, bool[] removed, int i, bool accented, Func<string, string, bool>? isWord) =>
        isWord is not null && VietnameseAnalyzer.CompletesWord(tokens, i, j => !removed[j] && IsContent(tokens, j, accented), isWord);

    private static bool BeginsCompound(IReadOnlyList<Token> tokens, int i, bool accented) =>
        tokens[i].Folded is "khong" or "sao" && i + 1 < tokens.Count && tokens[i + 1].Segment == tokens[i].Segment
        && !VietnameseAnalyzer.IsStopWord(tokens[i + 1], accented) && !QuestionLexicon.IsFiller(tokens[i + 1], accented);

    private static QuestionIntent ReadIntent(PhraseMatcher words, string question)
    {
        if (words.Has(QuestionLexicon.ListByUnit) && words.Has(QuestionLexicon.WhoLeads))
        {
            return QuestionIntent.ListByUnit;
        }

        if (words.Has(QuestionLexicon.WhichDocument))
        {
            return QuestionIntent.WhichDocument;
        }

        if (words.Has(QuestionLexicon.WhoCoordinates))
        {
            return QuestionIntent.WhoCoordinates;
        }

        if (words.Has(QuestionLexicon.WhoImplements))
        {
            return QuestionIntent.WhoImplements;
        }

        if (words.Has(QuestionLexicon.WhoLeads))
        {
            return QuestionIntent.WhoLeads;
        }

        if (words.Has(QuestionLexicon.When))
        {
            return QuestionIntent.When;
        }

        if (words.Has(QuestionLexicon.StrongHowTo))
        {
            return QuestionIntent.HowTo;
        }

        if (words.Has(QuestionLexicon.HowMuch) || words.Has(QuestionLexicon.HowMuchTopical) || question.Contains('%', StringComparison.Ordinal))
        {
            return QuestionIntent.HowMuch;
        }

        return words.Has(QuestionLexicon.HowTo) ? QuestionIntent.HowTo
            : words.Has(QuestionLexicon.WhatIs) ? QuestionIntent.WhatIs
            : QuestionIntent.General;
    }

    /// <summary>
    /// Small talk is a message made only of greeting, thanks or identity words (and fillers): "Chào bạn, hạn báo cáo tháng?"
    /// is a question with a greeting in front.
    /// </summary>
    private static SmallTalkKind ReadSmallTalk(PhraseMatcher words, int count, out bool help)
    {
        help = false;
        if (count == 0 || count > 12)
        {
            return SmallTalkKind.None;
        }

        var marked = new bool[count];
        var kind = SmallTalkKind.None;
        if (words.MarkAny(QuestionLexicon.Help, marked))
        {
            help = true;
        }

        kind = words.MarkAny(QuestionLexicon.Identity, marked) ? SmallTalkKind.Identity : kind;
        kind = words.MarkAny(QuestionLexicon.Thanks, marked) && kind == SmallTalkKind.None ? SmallTalkKind.Thanks : kind;
        kind = words.MarkAny(QuestionLexicon.Farewell, marked) && kind == SmallTalkKind.None ? SmallTalkKind.Farewell : kind;
        kind = words.MarkAny(QuestionLexicon.Greeting, marked) && kind == SmallTalkKind.None ? SmallTalkKind.Greeting : kind;
        if (kind == SmallTalkKind.None && !help)
        {
            return SmallTalkKind.None;
        }

        for (var i = 0; i < count; i++)
        {
            if (!marked[i] && !words.IsSmallTalkFiller(i))
            {
                help = false;
                return SmallTalkKind.None;
            }
        }

        return help && kind == SmallTalkKind.None ? SmallTalkKind.Identity : kind;
    }

    private static List<ItemReference> ReadReferences(IReadOnlyList<Token> tokens, bool[] removed)
    {
        int? table = null;
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Folded == "phu" && tokens[i + 1].Folded == "luc" && Number(tokens, i + 2) is { } n)
            {
                table = n;
                removed[i] = removed[i + 1] = removed[i + 2] = true;
            }
        }

        var references = new List<ItemReference>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (label, length) = Label(tokens, i);
            if (label is null)
            {
                continue;
            }

            var at = i + length;
            if (at < tokens.Count && tokens[at].Folded is "so" or "thu")
            {
                at++;
            }

            if (Number(tokens, at) is { } number)
            {
                // "mười hai" is 12.
                if (number == 10 && at + 1 < tokens.Count && QuestionLexicon.NumberWord(tokens[at + 1]) is { } unit and < 10)
                {
                    number += unit;
                    at++;
                }

                references.Add(new ItemReference(label == "dong" ? null : label, table, number));
                for (var j = i; j <= at; j++)
                {
                    removed[j] = true;
                }
            }
        }

        return references;
    }

    private static (string? Label, int Length) Label(IReadOnlyList<Token> tokens, int i)
    {
        var first = tokens[i].Folded;
        var second = i + 1 < tokens.Count ? tokens[i + 1].Folded : string.Empty;
        return (first, second) switch
        {
            ("chi", "tieu") => ("chi tieu", 2),
            ("nhiem", "vu") => ("nhiem vu", 2),
            ("dong", _) or ("hang", _) when tokens[i].Normalized is "dòng" or "hàng" or "dong" or "hang" => ("dong", 1),
            _ => (null, 0),
        };
    }

    /// <summary>A small item number in digits or words ("4", "bốn", "tư"); "11/2025" is a date, not an item.</summary>
    private static int? Number(IReadOnlyList<Token> tokens, int at)
    {
        if (at >= tokens.Count)
        {
            return null;
        }

        var token = tokens[at];
        var joinedToNext = at + 1 < tokens.Count && tokens[at + 1].Segment == token.Segment && tokens[at + 1].Folded.All(char.IsAsciiDigit);
        if (token.Folded.Length is > 0 and <= 2 && token.Folded.All(char.IsAsciiDigit))
        {
            return joinedToNext ? null : int.Parse(token.Folded, System.Globalization.CultureInfo.InvariantCulture);
        }

        // "nhiệm vụ năm 2025": a number word followed by a number is a year, not an item.
        var numberFollows = at + 1 < tokens.Count && tokens[at + 1].Folded.Length > 0 && tokens[at + 1].Folded.All(char.IsAsciiDigit);
        return numberFollows ? null : QuestionLexicon.NumberWord(token);
    }

    private static List<ReportPeriod> ReadPeriods(PhraseMatcher words, bool mentionsReport, QuestionIntent intent)
    {
        var periods = new List<ReportPeriod>();
        if (!mentionsReport && !(intent == QuestionIntent.When && words.Has(QuestionLexicon.SubmitOnly)))
        {
            return periods;
        }

        if (words.HasPeriodWord("thang"))
        {
            periods.Add(ReportPeriod.Monthly);
        }

        if (words.HasPeriodWord("quy"))
        {
            periods.Add(ReportPeriod.Quarterly);
        }

        if (words.HasPeriodWord("nam"))
        {
            periods.Add(ReportPeriod.Annual);
        }

        return periods;
    }

    private static bool ReadsAsPeriod(PhraseMatcher words) => words.Has(QuestionLexicon.PeriodMention) || words.HasNumberedPeriod();

    private static SenderKind ReadSender(PhraseMatcher words) =>
        words.Has(QuestionLexicon.DirectUnitSender) ? SenderKind.DirectUnit
        : words.Has(QuestionLexicon.SchoolSender) ? SenderKind.School
        : words.Has(QuestionLexicon.CommuneSender) ? SenderKind.Commune
        : SenderKind.None;
}
