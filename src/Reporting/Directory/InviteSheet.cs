using System.Globalization;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Spreadsheets;

namespace DtsAssistant.Reporting.Directory;

/// <summary>
/// Invite codes as an XLSX sheet for the admin to hand out. Codes exist in clear only when just created (the database
/// keeps keyed hashes and no part of a code), so a later listing shows each invite's number instead.
/// </summary>
public static class InviteSheet
{
    public static byte[] FromIssued(IEnumerable<IssuedInvite> invites) =>
        Write(["Mã mời", "Vai trò", "Mã đơn vị / xã", "Tên đơn vị / xã", "Hết hạn"],
            invites.Select(i => new[] { i.Code, RoleNames.Code(i.Role), i.ScopeCode, i.ScopeName, Local(i.ExpiresAt) }));

    public static byte[] FromListing(IEnumerable<InviteListing> invites) =>
        Write(["Số mã mời", "Vai trò", "Mã đơn vị / xã", "Tên đơn vị / xã", "Tạo lúc", "Hết hạn", "Đã dùng lúc", "Thu hồi lúc"],
            invites.Select(i => new[]
            {
                i.Id.ToString(CultureInfo.InvariantCulture), RoleNames.Code(i.Role), i.ScopeCode, i.ScopeName, Local(i.CreatedAt),
                Local(i.ExpiresAt), i.RedeemedAt is { } r ? Local(r) : "", i.RevokedAt is { } v ? Local(v) : "",
            }));

    private static string Local(DateTimeOffset at) => VietnamTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static byte[] Write(string[] headers, IEnumerable<string[]> rows) =>
        // Every cell is text: a code such as "12345-..." must never turn into a number or a date.
        Xlsx.Write(new Xlsx.SheetData("Mã mời", [headers, .. rows]));
}
