using System.Globalization;
using System.Text.Json;

namespace DtsAssistant.Reporting.Schedule;

/// <summary>One kind of period's deadline as the plan words it.</summary>
/// <param name="Kind">"Monthly", "Quarterly" or "Annual".</param>
/// <param name="PlanWording">The plan's own words for this deadline (checked against the plan's text by a test).</param>
/// <param name="OpensMonthInPeriod">Filing opens on the 1st of this month of the period (1-based; annual: 11 = November).</param>
/// <param name="DueMonthInPeriod">The month of the period that holds the due day (monthly 1, quarterly 3, annual 12).</param>
/// <param name="DueDay">"trước ngày N": N is the first late day.</param>
public sealed record DeadlineRule(string Kind, string PlanWording, int OpensMonthInPeriod, int DueMonthInPeriod, int DueDay);

/// <param name="TimeOfDay">Local time at which reminders are planned.</param>
/// <param name="UpcomingDaysBeforeDue">The "upcoming" reminder goes this many days before the due day.</param>
/// <param name="DigestDaysBeforeDue">Commune officers' digest goes this many days before the due day (and the day after).</param>
/// <param name="QuietHoursStart">From this local time nothing is sent ...</param>
/// <param name="QuietHoursEnd">... until this local time the next morning.</param>
public sealed record ReminderRules(TimeSpan TimeOfDay, int UpcomingDaysBeforeDue, int DigestDaysBeforeDue, TimeSpan QuietHoursStart, TimeSpan QuietHoursEnd);

/// <summary>
/// The deadlines of plan V.3 as data: <c>Forms/Definitions/schedule.json</c>, embedded in the reporting assembly. The
/// reporting schedule reads it, and so may anything else that states deadlines. Self-contained on purpose (only
/// System.Text.Json), so another project can link this one file and read the same data.
/// </summary>
public sealed record ScheduleDefinition(string Source, IReadOnlyList<DeadlineRule> Deadlines, int LockAfterMonths, ReminderRules Reminders)
{
    /// <summary>The resource name of the embedded file.</summary>
    public const string ResourceName = "DtsAssistant.Reporting.Schedule.schedule.json";

    private static readonly Lazy<ScheduleDefinition> Embedded = new(() =>
    {
        using var stream = typeof(ScheduleDefinition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing embedded resource {ResourceName}.");
        return Parse(stream);
    });

    /// <summary>The schedule built into the reporting assembly.</summary>
    public static ScheduleDefinition Default => Embedded.Value;

    public DeadlineRule Rule(string kind) =>
        Deadlines.FirstOrDefault(d => string.Equals(d.Kind, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"The schedule has no deadline for '{kind}'.");

    /// <summary>The schedule file a deployment sets (Reporting:ScheduleFile), or the embedded one when none is set.</summary>
    public static ScheduleDefinition FileOrDefault(string? path) => string.IsNullOrWhiteSpace(path) ? Default : Load(path);

    /// <summary>Reads a schedule file that replaces the embedded one; errors name the file.</summary>
    public static ScheduleDefinition Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Schedule file {path}: {e.Message}", e);
        }
    }

    public static ScheduleDefinition Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Parse(document.RootElement);
    }

    public static ScheduleDefinition Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Parse(document.RootElement);
    }

    private static ScheduleDefinition Parse(JsonElement root)
    {
        var deadlines = new List<DeadlineRule>();
        foreach (var d in root.GetProperty("deadlines").EnumerateArray())
        {
            var rule = new DeadlineRule(
                d.GetProperty("kind").GetString() ?? throw new FormatException("schedule: a deadline has no kind."),
                d.GetProperty("planWording").GetString() ?? "",
                d.GetProperty("opensMonthInPeriod").GetInt32(),
                d.GetProperty("dueMonthInPeriod").GetInt32(),
                d.GetProperty("dueDay").GetInt32());
            if (rule.DueDay is < 1 or > 28 || rule.DueMonthInPeriod is < 1 or > 12 || rule.OpensMonthInPeriod < 1 || rule.OpensMonthInPeriod > rule.DueMonthInPeriod)
            {
                throw new FormatException($"schedule: the {rule.Kind} deadline is out of range.");
            }

            deadlines.Add(rule);
        }

        var r = root.GetProperty("reminders");
        var reminders = new ReminderRules(
            Time(r, "timeOfDay"), r.GetProperty("upcomingDaysBeforeDue").GetInt32(), r.GetProperty("digestDaysBeforeDue").GetInt32(),
            Time(r, "quietHoursStart"), Time(r, "quietHoursEnd"));
        return new ScheduleDefinition(
            root.GetProperty("source").GetString() ?? "",
            deadlines,
            root.GetProperty("lockAfterMonths").GetInt32(),
            reminders);
    }

    private static TimeSpan Time(JsonElement parent, string name) =>
        TimeSpan.ParseExact(parent.GetProperty(name).GetString() ?? "", @"hh\:mm", CultureInfo.InvariantCulture);
}
