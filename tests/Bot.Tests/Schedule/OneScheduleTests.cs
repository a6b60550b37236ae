using DtsAssistant.Bot.Hosting;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Bot.Tests.Schedule;

/// <summary>
/// The deadlines live in one data file (Reporting's schedule.json, which reminders and filing follow, and which the
/// server hands the knowledge answers); the knowledge answers compile theirs from the plan's own sentence when no
/// file is given, so that a new plan needs no code. Both must say the same thing, or the plan would be quoted with one
/// deadline and people reminded of another.
/// </summary>
public sealed class OneScheduleTests
{
    [Fact]
    public void The_knowledge_answers_quote_the_deadlines_of_the_schedule_file()
    {
        var compiled = KnowledgeIndex.Load(KnowledgeBaseLocator.Locate(null)).Schedule;
        var file = ScheduleDefinition.Default;

        Assert.NotNull(compiled);
        Assert.Equal(file.Rule("Monthly").DueDay, compiled!.MonthlyDay);
        Assert.Equal(file.Rule("Quarterly").DueDay, compiled.QuarterlyDay);
        var annual = file.Rule("Annual");
        Assert.Equal((annual.DueDay, annual.DueMonthInPeriod), compiled.Annual);
        // What the server hands the knowledge answers from the file: the same as the plan, so start-up warns of nothing.
        Assert.Empty(ScheduleDeadlines.From(file).DisagreementsWith(compiled));

        // And the dates they give for a day agree: the knowledge answer's next monthly, quarterly and yearly due date.
        var today = new DateOnly(2026, 11, 25);
        Assert.Equal(new DateOnly(2026, 12, 20), compiled.Next(ReportPeriod.Monthly, today)!.DueBefore);
        Assert.Equal(new DateOnly(2026, 12, 20), compiled.Next(ReportPeriod.Quarterly, today)!.DueBefore);
        Assert.Equal(new DateOnly(2026, annual.DueMonthInPeriod, annual.DueDay), compiled.Next(ReportPeriod.Annual, today)!.DueBefore);
    }
}
