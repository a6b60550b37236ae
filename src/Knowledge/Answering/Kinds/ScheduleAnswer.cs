using DtsAssistant.Knowledge.Understanding;

namespace DtsAssistant.Knowledge.Answering.Kinds;

/// <summary>
/// "Hạn báo cáo tháng?": the periodic deadline the plan sets, the next due date from today (Vietnam time) and how many
/// days are left, then who reports to whom.
/// </summary>
internal static class ScheduleAnswer
{
    public static KnowledgeAnswer For(AnswerContext context, ReportingSchedule schedule, IReadOnlyList<ReportPeriod> periods)
    {
        var today = context.Today;
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
                ReportPeriod.Quarterly => $"Báo cáo quý nộp trước ngày {schedule.QuarterlyDay} {(schedule.QuarterlyMonth == 3 ? "tháng cuối quý" : $"tháng thứ {schedule.QuarterlyMonth} của quý")}",
                _ => $"Báo cáo năm nộp trước ngày {schedule.Annual!.Value.Day}/{schedule.Annual.Value.Month}",
            };
            var current = period switch
            {
                ReportPeriod.Monthly => due.CurrentPeriodPassed ? "hạn tháng này đã qua, tháng sau" : "tháng này",
                ReportPeriod.Quarterly => due.CurrentPeriodPassed ? "hạn quý này đã qua, quý sau" : "quý này",
                _ => due.CurrentPeriodPassed ? "hạn năm nay đã qua, năm sau" : "năm nay",
            };
            sentences.Add($"{rule} — {current} là trước {TextCuts.Date(due.DueBefore)} (ngày cuối cùng {TextCuts.Date(due.LastDay)}), còn {due.DaysLeft(today)} ngày.");
        }

        var senders = context.Facts.Senders;
        if (senders.Count > 0)
        {
            sentences.Add(TextCuts.EndSentence(TextCuts.Capitalize(string.Join("; ", RecipientAnswer.Chosen(context, senders).Select(s => s.Clause)))));
        }

        return new KnowledgeAnswer(string.Join(" ", sentences), true, [TextCuts.Cite(schedule.Source, schedule.Source.Text)]);
    }

    /// <summary>The periods a deadline question is about: those it names, or all of them for "báo cáo định kỳ" / "hạn nộp".</summary>
    public static IReadOnlyList<ReportPeriod>? Periods(UnderstoodQuestion question)
    {
        if (question.Intent != QuestionIntent.When && !(question.IsConfirmation && question.MentionsReport))
        {
            return null;
        }

        if (question.Periods.Count > 0)
        {
            return question.Periods;
        }

        // "hạn nộp là ngày nào", "báo cáo định kỳ nộp khi nào": nothing but the reports is named.
        var named = question.TopicTokens.Count(t => t.Folded is not ("bao" or "cao" or "nop" or "gui" or "dinh" or "ky" or "bc"));
        return (question.MentionsReport || question.TopicTokens.Any(t => t.Folded is "nop" or "gui")) && named == 0
            ? [ReportPeriod.Monthly, ReportPeriod.Quarterly, ReportPeriod.Annual]
            : null;
    }
}
