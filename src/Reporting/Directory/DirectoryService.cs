using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using DtsAssistant.Reporting.Export;

namespace DtsAssistant.Reporting.Directory;

internal sealed class DirectoryService : IDirectoryService
{
    public Task<UnitInfo?> FindUnitAsync(string code, CancellationToken ct) => throw new NotImplementedException();

    public Task<CommuneInfo?> FindCommuneAsync(string code, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<UnitInfo>> SearchUnitsAsync(string text, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<CommuneInfo>> SearchCommunesAsync(string text, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<Caller> WhoAmIAsync(string channel, string platformUserId, CancellationToken ct) => throw new NotImplementedException();

    public Task<RedeemResult> RedeemInviteAsync(string channel, string platformUserId, string displayName, string code, CancellationToken ct) => throw new NotImplementedException();

    public Task<bool> UnbindAsync(Caller by, string channel, string platformUserId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<IssuedInvite>> CreateInvitesAsync(Caller by, string scopeCode, Role role, int count, TimeSpan? validFor, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<InviteListing>> ListInvitesAsync(Caller by, bool unusedOnly, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<FocalPointContact>> FocalPointsAsync(IReadOnlyCollection<int>? unitIds, CancellationToken ct) => throw new NotImplementedException();

    public Task<bool> IsSampleDirectoryAsync(CancellationToken ct) => throw new NotImplementedException();
}
