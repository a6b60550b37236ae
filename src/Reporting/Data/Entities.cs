using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Data;

// Persistence entities. Services hand out records (see each feature folder), not these, so the schema can change
// without changing what the chat layer sees. Instants are stored as UTC (see ReportingDbContext.ConfigureConventions).

/// <summary>A commune-level unit of government (xã / phường) that manages MN, TH, THCS schools.</summary>
public sealed class Commune
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>True for the synthetic sample directory ("DỮ LIỆU MẪU").</summary>
    public bool IsSample { get; set; }
}

public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>The unit code from the sector database; the import key.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public bool IsPublic { get; set; } = true;
    public int? CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public ReportingLine ReportsTo { get; set; }
    public bool IsSample { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    // Added by migration 2 (AddUnitContact): optional contact details from the directory spreadsheet.
    public string? Address { get; set; }
    public string? Phone { get; set; }
}

public sealed class Person
{
    public long Id { get; set; }
    public required string DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ChatIdentity> Identities { get; set; } = [];
    public List<RoleAssignment> Roles { get; set; } = [];
}

/// <summary>A chat account (channel + platform user id) bound to a person through an invite code.</summary>
public sealed class ChatIdentity
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>"telegram", "zalo", "web", "console".</summary>
    public required string Channel { get; set; }

    public required string PlatformUserId { get; set; }
    public DateTimeOffset BoundAt { get; set; }
}

public enum Role
{
    Staff,
    FocalPoint,
    CommuneOfficer,
    DepartmentStaff,
    Admin,
}

/// <summary>A role held by a person, scoped to a unit (focal_point), a commune (commune_officer) or the province.</summary>
public sealed class RoleAssignment
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Role Role { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int? CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A one-time invite code. Only a keyed hash of the code is stored (see Directory.InviteCodes), no part of it.</summary>
public sealed class Invite
{
    public long Id { get; set; }
    public required string CodeHash { get; set; }

    public Role Role { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int? CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }
    public long? RedeemedByPersonId { get; set; }

    /// <summary>Withdrawn by an admin (or by the upgrade that replaced unkeyed hashes) before it was used.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

public enum ReportStatus
{
    /// <summary>Being filled in (first time or amendment in progress).</summary>
    Draft,

    /// <summary>The latest version has been submitted.</summary>
    Submitted,
}

/// <summary>
/// One report per unit and period. <see cref="WorkingVersion"/> is the version being edited (answers with that version
/// number); <see cref="SubmittedVersion"/> the latest submitted one (0 = never). Amending copies the submitted answers
/// into version <c>SubmittedVersion + 1</c>, so aggregates keep reading the submitted values meanwhile.
/// </summary>
public sealed class Report
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public required string PeriodKey { get; set; }
    public required string FormId { get; set; }
    public int FormVersion { get; set; }
    public ReportStatus Status { get; set; }
    public int WorkingVersion { get; set; } = 1;
    public int SubmittedVersion { get; set; }

    /// <summary>Optimistic concurrency counter: incremented by every change to the report or its answers.</summary>
    public int Revision { get; set; }

    /// <summary>Decided by the first submission; amendments do not change it.</summary>
    public Timeliness? Timeliness { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstSubmittedAt { get; set; }
    public DateTimeOffset? LastSubmittedAt { get; set; }
    public List<Answer> Answers { get; set; } = [];
    public List<ReportSubmission> Submissions { get; set; } = [];
}

/// <summary>An answer to one question in one version of a report, with who and when.</summary>
public sealed class Answer
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public int Version { get; set; }
    public required string QuestionKey { get; set; }
    public required string Value { get; set; }

    /// <summary>Numeric form of the value for aggregates (yes/no as 1/0).</summary>
    public double? Number { get; set; }

    /// <summary>The report revision at which this answer last changed (tells a stale writer what changed).</summary>
    public int Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public long? UpdatedByPersonId { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>A receipt for one submitted version.</summary>
public sealed class ReportSubmission
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public int Version { get; set; }
    public required string ReferenceNumber { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public long? SubmittedByPersonId { get; set; }
    public required string SubmittedBy { get; set; }
    public Timeliness Timeliness { get; set; }
}

/// <summary>Who did what, when. Written in the same transaction as the change it records.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long? ActorPersonId { get; set; }

    /// <summary>How the actor is known: "telegram:12345", "cli", "system".</summary>
    public required string Actor { get; set; }

    /// <summary>Dotted action name: "report.answer.saved", "invite.redeemed".</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>Small JSON object with the change (old/new values).</summary>
    public string? Details { get; set; }
}
