using DtsAssistant.Reporting.Data;

namespace DtsAssistant.Reporting.Directory;

public sealed record CommuneInfo(int Id, string Code, string Name, bool IsSample);

public sealed record UnitInfo(int Id, string Code, string Name, UnitKind Kind, bool IsPublic, CommuneInfo? Commune, ReportingLine ReportsTo, bool IsSample)
{
    public UnitProfile Profile => new(Kind, IsPublic);

    /// <summary>The unit's phone from the directory; null when none is recorded.</summary>
    public string? Phone { get; init; }
}

/// <summary>A role a caller holds, with its scope: a unit for focal points, a commune for commune officers.</summary>
public sealed record RoleGrant(Role Role, UnitInfo? Unit = null, CommuneInfo? Commune = null);

/// <summary>
/// Who is asking, and what they may see. Every reporting service takes one and enforces it itself. Callers without
/// roles (anonymous staff) may ask knowledge questions but see no report data.
/// </summary>
/// <param name="PersonId">The person behind a bound chat identity; null for anonymous callers and the system.</param>
/// <param name="Actor">How the caller appears in the audit log: "telegram:12345", "cli".</param>
public sealed record Caller(long? PersonId, string Actor, string DisplayName, IReadOnlyList<RoleGrant> Roles)
{
    /// <summary>The display name a person registered without a name gets; replies and change notes word it otherwise.</summary>
    public const string Unnamed = "(chưa có tên)";

    /// <summary>An unregistered person: role <c>staff</c>, no access to report data.</summary>
    public static Caller Anonymous(string actor) => new(null, actor, "", []);

    /// <summary>The operator at the command line: admin, whole province.</summary>
    public static Caller System(string actor = "cli") => new(null, actor, "Quản trị hệ thống", [new RoleGrant(Role.Admin)]);

    public bool Has(Role role) => Roles.Any(r => r.Role == role);

    public bool IsAdmin => Has(Role.Admin);

    /// <summary>department_staff and admin see every unit of the province.</summary>
    public bool SeesProvince => Has(Role.Admin) || Has(Role.DepartmentStaff);

    /// <summary>Communes whose schools this caller oversees (commune_officer).</summary>
    public IReadOnlyList<CommuneInfo> OverseenCommunes =>
        Roles.Where(r => r.Role == Role.CommuneOfficer && r.Commune is not null).Select(r => r.Commune!).DistinctBy(c => c.Id).ToList();

    /// <summary>Units this caller files for (focal_point).</summary>
    public IReadOnlyList<UnitInfo> FilingUnits =>
        Roles.Where(r => r.Role == Role.FocalPoint && r.Unit is not null).Select(r => r.Unit!).DistinctBy(u => u.Id).ToList();

    /// <summary>Whether the caller may see this unit's reports.</summary>
    public bool CanSee(UnitInfo unit) =>
        SeesProvince
        || FilingUnits.Any(u => u.Id == unit.Id)
        || (unit.ReportsTo == ReportingLine.Commune && unit.Commune is { } c && OverseenCommunes.Any(o => o.Id == c.Id));

    /// <summary>Only a unit's focal points file its report (admins may, to correct data on request).</summary>
    public bool CanFileFor(UnitInfo unit) => IsAdmin || FilingUnits.Any(u => u.Id == unit.Id);
}

/// <summary>Why a caller was refused; the conversation layer words it.</summary>
public enum AccessDenial
{
    OutOfScope,
    NotRegistered,
    UnknownCommune,
    OtherCommune,
    UnknownUnit,
    ReportNotFound,
    AdminOnly,
}

/// <summary>
/// Thrown when a caller asks for data outside their scope. <see cref="Reason"/> and <see cref="Subject"/> (a code or a
/// name) say why; the chat words them. The message is English, for logs.
/// </summary>
public sealed class ReportingAccessDeniedException : Exception
{
    public ReportingAccessDeniedException()
        : this(AccessDenial.OutOfScope)
    {
    }

    public ReportingAccessDeniedException(AccessDenial reason, string? subject = null)
        : base(subject is null ? $"Access denied: {reason}" : $"Access denied: {reason} ({subject})")
    {
        Reason = reason;
        Subject = subject;
    }

    /// <summary>A refusal described only in words (logs); worded to people as <see cref="AccessDenial.OutOfScope"/>.</summary>
    public ReportingAccessDeniedException(string message)
        : base(message)
    {
    }

    public ReportingAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AccessDenial Reason { get; }

    public string? Subject { get; }
}
