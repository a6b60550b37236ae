using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DtsAssistant.Reporting.Data;

/// <summary>
/// The reporting model, shared by both providers. Each provider has a subclass (<see cref="SqliteReportingDbContext"/>,
/// <see cref="PostgresReportingDbContext"/>) that owns that provider's migrations; code everywhere else uses this type.
/// </summary>
public abstract class ReportingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ChatIdentity> ChatIdentities => Set<ChatIdentity>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<ReportSubmission> ReportSubmissions => Set<ReportSubmission>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Reminders.ReminderLogEntry> ReminderLog => Set<Reminders.ReminderLogEntry>();
    public DbSet<Reminders.ReminderMute> ReminderMutes => Set<Reminders.ReminderMute>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Instants as UTC milliseconds: the same ordering and comparison on SQLite (which has no instant type) and
        // PostgreSQL, and no offset surprises when reading back.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        builder.Properties<UnitKind>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<ReportingLine>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Role>().HaveConversion<string>().HaveMaxLength(24);
        builder.Properties<PeriodKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ReportStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Timeliness>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<string>().HaveMaxLength(300);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Commune>(e =>
        {
            e.ToTable("communes");
            e.HasIndex(c => c.Code).IsUnique();
            e.Property(c => c.Code).HasMaxLength(32);
        });

        model.Entity<Unit>(e =>
        {
            e.ToTable("units");
            e.HasIndex(u => u.Code).IsUnique();
            e.Property(u => u.Code).HasMaxLength(32);
            e.HasIndex(u => u.CommuneId);
            e.HasOne(u => u.Commune).WithMany().HasForeignKey(u => u.CommuneId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Person>(e => e.ToTable("people"));

        model.Entity<ChatIdentity>(e =>
        {
            e.ToTable("chat_identities");
            e.HasIndex(i => new { i.Channel, i.PlatformUserId }).IsUnique();
            e.Property(i => i.Channel).HasMaxLength(16);
            e.Property(i => i.PlatformUserId).HasMaxLength(128);
            e.HasOne(i => i.Person).WithMany(p => p.Identities).HasForeignKey(i => i.PersonId);
        });

        model.Entity<RoleAssignment>(e =>
        {
            e.ToTable("role_assignments");
            e.HasIndex(r => r.PersonId);
            e.HasOne<Person>().WithMany(p => p.Roles).HasForeignKey(r => r.PersonId);
            e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(r => r.Commune).WithMany().HasForeignKey(r => r.CommuneId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Invite>(e =>
        {
            e.ToTable("invites");
            e.HasIndex(i => i.CodeHash).IsUnique();
            e.Property(i => i.CodeHash).HasMaxLength(64);
            e.HasOne(i => i.Unit).WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(i => i.Commune).WithMany().HasForeignKey(i => i.CommuneId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Report>(e =>
        {
            e.ToTable("reports");
            e.HasIndex(r => new { r.UnitId, r.PeriodKey }).IsUnique();
            e.HasIndex(r => new { r.PeriodKey, r.Status });
            e.Property(r => r.PeriodKey).HasMaxLength(16);
            e.Property(r => r.FormId).HasMaxLength(32);
            e.Property(r => r.Revision).IsConcurrencyToken();
            e.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReportId);
            e.HasMany(r => r.Submissions).WithOne().HasForeignKey(s => s.ReportId);
        });

        model.Entity<Answer>(e =>
        {
            e.ToTable("answers");
            e.HasIndex(a => new { a.ReportId, a.Version, a.QuestionKey }).IsUnique();
            e.Property(a => a.QuestionKey).HasMaxLength(64);
            e.Property(a => a.Value).HasMaxLength(4000);
        });

        model.Entity<ReportSubmission>(e =>
        {
            e.ToTable("report_submissions");
            e.HasIndex(s => new { s.ReportId, s.Version }).IsUnique();
            e.HasIndex(s => s.ReferenceNumber).IsUnique();
            e.Property(s => s.ReferenceNumber).HasMaxLength(48);
        });

        model.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.At);
            e.Property(a => a.Details).HasMaxLength(8000);
        });

        Reminders.ReminderModel.Configure(model);
    }

    private sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

/// <summary>The SQLite flavour; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteReportingDbContext(DbContextOptions<SqliteReportingDbContext> options) : ReportingDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // Covering index for the status aggregates: the join on (report, submitted version) and the grouping by
        // question and value (or the sum of the number) read only the index, never the table rows.
        model.Entity<Answer>().HasIndex(a => new { a.ReportId, a.Version, a.QuestionKey, a.Number, a.Value }, "IX_answers_aggregate");
        model.Entity<Report>().HasIndex(r => new { r.PeriodKey, r.SubmittedVersion, r.UnitId }, "IX_reports_period_submitted");
    }
}

/// <summary>The PostgreSQL flavour; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresReportingDbContext(DbContextOptions<PostgresReportingDbContext> options) : ReportingDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // Covering index for the numeric sums (index-only scans). The answer text stays out: a long text answer would
        // exceed the B-tree row size limit (2,704 bytes).
        model.Entity<Answer>().HasIndex(a => new { a.ReportId, a.Version, a.QuestionKey }, "IX_answers_aggregate").IncludeProperties(a => a.Number);
        model.Entity<Report>().HasIndex(r => new { r.PeriodKey, r.SubmittedVersion, r.UnitId }, "IX_reports_period_submitted");
    }
}
