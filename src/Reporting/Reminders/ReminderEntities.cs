using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Reminders;

/// <summary>What a notice is: a focal point's reminder or a commune officer's digest.</summary>
public enum NoticeKind
{
    /// <summary>Focal point: some days before the due date.</summary>
    Upcoming,

    /// <summary>Focal point: the last on-time day.</summary>
    LastDay,

    /// <summary>Focal point: the day after the due date.</summary>
    Overdue,

    /// <summary>Commune officer: a digest some days before the due date.</summary>
    DigestBefore,

    /// <summary>Commune officer: a digest the day after the due date.</summary>
    DigestAfter,
}

/// <summary>
/// One notice claimed for one person, period and kind (<c>reminder_log</c>). The unique index on (person, period,
/// kind) is what makes a notice go out at most once, across restarts and processes: the sender claims the row with
/// <c>INSERT … ON CONFLICT DO NOTHING</c> before sending, and only the process whose insert took the row sends.
/// </summary>
public sealed class ReminderLogEntry
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public required string PeriodKey { get; set; }
    public NoticeKind Kind { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>"sent", "failed" (given up) or null while in flight.</summary>
    public string? Outcome { get; set; }

    /// <summary>The channel it went out on.</summary>
    public string? Channel { get; set; }
}

/// <summary>A person who turned reminders off (<c>/tatnhacnho</c>); deleted by <c>/batnhacnho</c>.</summary>
public sealed class ReminderMute
{
    public long PersonId { get; set; }
    public DateTimeOffset MutedAt { get; set; }
}

internal static class ReminderModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ReminderLogEntry>(e =>
        {
            e.ToTable("reminder_log");
            e.HasIndex(r => new { r.PersonId, r.PeriodKey, r.Kind }).IsUnique();
            e.HasIndex(r => new { r.PeriodKey, r.Kind });
            e.Property(r => r.PeriodKey).HasMaxLength(16);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Outcome).HasMaxLength(16);
            e.Property(r => r.Channel).HasMaxLength(16);
        });

        model.Entity<ReminderMute>(e =>
        {
            e.ToTable("reminder_mutes");
            e.HasKey(m => m.PersonId);
            e.Property(m => m.PersonId).ValueGeneratedNever();
        });
    }
}
