using System.Text.Json;
using DtsAssistant.Reporting.Directory;

namespace DtsAssistant.Reporting.Data;

/// <summary>Adds audit events to the context, so they commit (or roll back) with the change they record.</summary>
internal static class Audit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Record(ReportingDbContext db, DateTimeOffset at, Caller caller, string action, string entityType, object entityId, object? details = null) =>
        Record(db, at, caller.PersonId, caller.Actor, action, entityType, entityId, details);

    public static void Record(ReportingDbContext db, DateTimeOffset at, long? personId, string actor, string action, string entityType, object entityId, object? details = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = at,
            ActorPersonId = personId,
            Actor = Truncate(actor, 300),
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Details = Details(details),
        });

    /// <summary>The stored form of an event's details (for writers that insert audit rows with plain SQL).</summary>
    public static string? Details(object? details) => details is null ? null : Truncate(JsonSerializer.Serialize(details, Json), 8000);

    public static string Actor(string actor) => Truncate(actor, 300);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
