using System.Text.RegularExpressions;
using DtsAssistant.Bot.Hosting;
using DtsAssistant.Bot.Tests.Channels;
using DtsAssistant.Bot.Tests.Channels.Fakes;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Reporting.Schedule;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DtsAssistant.Bot.Tests.Schedule;

/// <summary>
/// The knowledge answers state the deadlines of the deployment's schedule file, the ones reminders and lateness follow,
/// through the real composition: a file that moves the monthly due day to the 25th changes the chat's answer too.
/// </summary>
public sealed class ScheduleFileTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    [Fact]
    public void A_schedule_file_with_another_due_day_changes_the_deadline_the_knowledge_answer_states()
    {
        var file = Path.Combine(_folder, "schedule.json");
        // The embedded file with the monthly due day moved from the 20th to the 25th.
        var json = Regex.Replace(EmbeddedScheduleJson(), "(\"kind\": \"Monthly\"[^}]*\"dueDay\": )20", "${1}25");
        Assert.Contains("\"dueDay\": 25", json);
        File.WriteAllText(file, json);
        var logs = new LogCapture("DtsAssistant.Knowledge");
        using var services = Build(logs, file);

        // 10:00 on 10 November 2026 in Vietnam.
        var answer = services.GetRequiredService<IKnowledgeAnswerer>().Ask("hạn báo cáo tháng là ngày nào?");

        Assert.True(answer.Found);
        Assert.Contains("trước ngày 25 hằng tháng", answer.Answer);
        Assert.Contains("trước 25/11/2026 (ngày cuối cùng 24/11/2026), còn 15 ngày", answer.Answer);
        Assert.DoesNotContain("ngày 20", answer.Answer);
        // Still cited from the plan's own sentence, and the disagreement is in the log.
        Assert.Contains(answer.Citations, c => c.Quote.Contains("trước ngày 20", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("monthly: the plan says before day 20, the schedule before day 25", StringComparison.Ordinal));
        // Reminders and lateness read the same file.
        var window = services.GetRequiredService<IReportingSchedule>().WindowOf(Period.Month(2026, 11));
        Assert.Equal(new DateOnly(2026, 11, 24), window.LastDayOnTime);
    }

    [Fact]
    public void Without_a_schedule_file_the_embedded_one_is_given_to_the_answers_and_agrees_with_the_plan()
    {
        var logs = new LogCapture("DtsAssistant.Knowledge");
        using var services = Build(logs, scheduleFile: null);

        var answer = services.GetRequiredService<IKnowledgeAnswerer>().Ask("hạn báo cáo quý là khi nào?");

        Assert.Equal(ScheduleDeadlines.From(ScheduleDefinition.Default), services.GetRequiredService<ReportingDeadlines>());
        Assert.Contains("trước ngày 20 tháng cuối quý", answer.Answer);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ServiceProvider Build(LogCapture logs, string? scheduleFile)
    {
        var settings = TestData.CoreSettings(_folder).ToDictionary();
        settings["Reporting:ScheduleFile"] = scheduleFile;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs));
        services.AddAssistantCore(configuration);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 10, 3, 0, 0, TimeSpan.Zero)));
        return services.BuildServiceProvider();
    }

    private static string EmbeddedScheduleJson()
    {
        using var stream = typeof(ScheduleDefinition).Assembly.GetManifestResourceStream(ScheduleDefinition.ResourceName)!;
        return new StreamReader(stream).ReadToEnd();
    }
}
