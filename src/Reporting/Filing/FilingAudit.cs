using System.Globalization;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Reporting.Filing;

/// <summary>
/// The one audit writer of filing: an <c>audit_events</c> row about a report, in the write transaction of the change it
/// records (the same row <see cref="Audit.Record(ReportingDbContext, DateTimeOffset, Caller, string, string, object, object?)"/> adds).
/// </summary>
internal static class FilingAudit
{
    public static Task<int> WriteAsync(ReportingDbContext db, DateTimeOffset at, Caller caller, string action, long reportId, object details,
        CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO audit_events ("At", "ActorPersonId", "Actor", "Action", "EntityType", "EntityId", "Details")
            VALUES (@at, @person, @actor, @action, 'report', @entity, @details)
            """,
            ct, ("at", at.ToUnixTimeMilliseconds()), ("person", caller.PersonId), ("actor", Audit.Actor(caller.Actor)), ("action", action),
            ("entity", reportId.ToString(CultureInfo.InvariantCulture)), ("details", Audit.Details(details)));
}
