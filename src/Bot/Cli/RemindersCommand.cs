using System.Globalization;
using DtsAssistant.Bot.Reminders;
using DtsAssistant.Reporting.Reminders;

namespace DtsAssistant.Bot.Cli;

/// <summary>
/// <c>reminders preview --at &lt;ISO time&gt;</c>: the reminders and digests that would go out at that instant, one line
/// each (person, unit or commune, kind and period), then <c>N reminders</c>. Sends nothing and writes nothing.
/// </summary>
internal static class RemindersCommand
{
    public static async Task<int> RunAsync(string[] args) => await RunAsync(args, Console.Out, Console.Error);

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.FirstOrDefault() != "preview" || CliSupport.Option(args, "--at") is not { } text)
        {
            await error.WriteLineAsync("Cách dùng: reminders preview --at <thời điểm ISO 8601, ví dụ 2026-03-15T08:00+07:00>");
            return 2;
        }

        if (ParseInstant(text) is not { } at)
        {
            await error.WriteLineAsync($"Không đọc được thời điểm \"{text}\". Ví dụ: 2026-03-15T08:00+07:00.");
            return 2;
        }

        await using var services = ImportCommand.BuildReportingServices();
        var planner = services.GetRequiredService<IReminderPlanner>();
        var notices = await planner.PlanAsync(at);
        foreach (var notice in notices)
        {
            await output.WriteLineAsync(ReminderTexts.PreviewLine(notice));
        }

        await output.WriteLineAsync($"{notices.Count} reminders");
        return 0;
    }

    /// <summary>An ISO 8601 instant; without an offset it is Vietnam time.</summary>
    internal static DateTimeOffset? ParseInstant(string text)
    {
        if (HasOffset(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), DtsAssistant.Text.VietnamTime.Offset)
            : null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
}
