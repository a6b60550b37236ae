using DtsAssistant.Reporting.Data;

namespace DtsAssistant.Reporting.Directory;

public enum RedeemOutcome
{
    Bound,
    InvalidCode,
    Expired,
    AlreadyUsed,
    TooManyAttempts,

    /// <summary>Withdrawn by an admin (invites revoke) or by the upgrade to keyed hashes.</summary>
    Revoked,
}

/// <summary>What redeeming an invite did; the conversation layer words it.</summary>
/// <param name="Caller">The caller after binding (on success).</param>
/// <param name="Granted">The role the invite gave, with its unit or commune (on success).</param>
public sealed record RedeemResult(RedeemOutcome Outcome, Caller? Caller = null, RoleGrant? Granted = null);

/// <summary>A freshly created invite. <see cref="Code"/> exists only here: the database keeps its hash.</summary>
public sealed record IssuedInvite(string Code, Role Role, string ScopeCode, string ScopeName, DateTimeOffset ExpiresAt);

/// <summary>An invite as listed later, told apart by its number: the code cannot be recovered from the keyed hash.</summary>
public sealed record InviteListing(long Id, Role Role, string ScopeCode, string ScopeName,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RedeemedAt)
{
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>A bound chat identity of a focal point, for reminders.</summary>
public sealed record FocalPointContact(long PersonId, string DisplayName, string Channel, string PlatformUserId, UnitInfo Unit);

/// <summary>Units, communes, people, chat identities and invite codes.</summary>
public interface IDirectoryService
{
    Task<UnitInfo?> FindUnitAsync(string code, CancellationToken ct = default);

    Task<CommuneInfo?> FindCommuneAsync(string code, CancellationToken ct = default);

    /// <summary>Units whose code or name contains the text (diacritics and case ignored), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<UnitInfo>> SearchUnitsAsync(string text, int limit = 10, CancellationToken ct = default);

    /// <summary>Communes whose code or name contains the text (diacritics and case ignored).</summary>
    Task<IReadOnlyList<CommuneInfo>> SearchCommunesAsync(string text, int limit = 10, CancellationToken ct = default);

    /// <summary>The caller behind a chat identity: roles when bound, otherwise <see cref="Caller.Anonymous"/>.</summary>
    Task<Caller> WhoAmIAsync(string channel, string platformUserId, CancellationToken ct = default);

    /// <summary>
    /// Binds a chat identity to the invite's role and scope (one-time, expiring, hashed codes). An identity that is
    /// already bound gains the role. Repeated wrong codes from one identity are refused for a while.
    /// </summary>
    Task<RedeemResult> RedeemInviteAsync(string channel, string platformUserId, string displayName, string code, CancellationToken ct = default);

    /// <summary>Removes a chat identity's binding and roles. Allowed for the identity itself and for admins.</summary>
    Task<bool> UnbindAsync(Caller by, string channel, string platformUserId, CancellationToken ct = default);

    /// <summary>
    /// Creates one-time invite codes (admin only). The scope code is a unit code for unit roles, a commune code for
    /// commune_officer, and ignored (may be empty) for department_staff and admin.
    /// </summary>
    Task<IReadOnlyList<IssuedInvite>> CreateInvitesAsync(Caller by, string scopeCode, Role role, int count = 1,
        TimeSpan? validFor = null, CancellationToken ct = default);

    Task<IReadOnlyList<InviteListing>> ListInvitesAsync(Caller by, bool unusedOnly = true, CancellationToken ct = default);

    /// <summary>Bound focal points of the given units (all units when null), for reminders.</summary>
    Task<IReadOnlyList<FocalPointContact>> FocalPointsAsync(IReadOnlyCollection<int>? unitIds = null, CancellationToken ct = default);

    /// <summary>True when the directory holds only the synthetic sample ("DỮ LIỆU MẪU").</summary>
    Task<bool> IsSampleDirectoryAsync(CancellationToken ct = default);
}
