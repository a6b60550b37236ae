using DtsAssistant.Bot.Tests.Conversation;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Bot.Tests.Security;

/// <summary>
/// Two communes, three schools, two filed reports with telling values, for the role × scope matrix.
/// "Own" scope is Xã Yên Mô / Trường Tiểu học Yên Mô A; "another" is Phường Hoa Lư / Trường Tiểu học Hoa Lư A.
/// </summary>
internal sealed class ScopeWorld
{
    public const string OwnUnit = "TH-YM-A";
    public const string SiblingUnit = "MN-YM-B";
    public const string OtherUnit = "TH-HL-A";
    public const string DepartmentLineUnit = "THPT-YM";

    /// <summary>What only the own unit's readers may see: name, phone, focal point, free text, figure.</summary>
    public static readonly string[] OwnUnitSecrets = ["Trường Tiểu học Yên Mô A", "0229 555 6666", "Người dùng fpA", "Thiếu máy chiếu Yên Mô", "740/1.234"];

    /// <summary>The other school of the own commune (no report yet): name and phone.</summary>
    public static readonly string[] SiblingSecrets = ["Trường Mầm non Yên Mô B", "0229 333 4444"];

    /// <summary>Another commune's school: name, phone, focal point, free text, figure, and the province sum that includes it.</summary>
    public static readonly string[] OtherSecrets = ["Trường Tiểu học Hoa Lư A", "0229 111 2222", "Người dùng fpB", "Thiếu phòng tin học Hoa Lư", "450/900", "1.190/2.134"];

    /// <summary>A high school in the own commune: it reports to the Sở, so the commune officer does not oversee it.</summary>
    public static readonly string[] DepartmentLineSecrets = ["Trường THPT Yên Mô", "0229 777 8888"];

    public ScopeWorld(ConversationHarness chat) => Chat = chat;

    public ConversationHarness Chat { get; }

    public string OwnCommune { get; private set; } = "";

    public string OtherCommune { get; private set; } = "";

    private int users;

    public async Task SeedAsync()
    {
        await Chat.SeedAsync(
            ("Xã Yên Mô", OwnUnit, "Trường Tiểu học Yên Mô A", UnitKind.Primary),
            ("Xã Yên Mô", SiblingUnit, "Trường Mầm non Yên Mô B", UnitKind.Preschool),
            ("Phường Hoa Lư", OtherUnit, "Trường Tiểu học Hoa Lư A", UnitKind.Primary),
            ("Xã Yên Mô", DepartmentLineUnit, "Trường THPT Yên Mô", UnitKind.UpperSecondary));
        await Chat.QueryAsync(async db =>
        {
            foreach (var (code, phone) in new[] { (OwnUnit, "0229 555 6666"), (SiblingUnit, "0229 333 4444"), (OtherUnit, "0229 111 2222"), (DepartmentLineUnit, "0229 777 8888") })
            {
                (await db.Units.SingleAsync(u => u.Code == code)).Phone = phone;
            }

            return await db.SaveChangesAsync();
        });
        OwnCommune = await Chat.QueryAsync(db => db.Communes.Where(c => c.Name == "Xã Yên Mô").Select(c => c.Code).SingleAsync());
        OtherCommune = await Chat.QueryAsync(db => db.Communes.Where(c => c.Name == "Phường Hoa Lư").Select(c => c.Code).SingleAsync());

        await FileAsync("fpA", OwnUnit, "1.234", "60%", "Thiếu máy chiếu Yên Mô");
        await FileAsync("fpB", OtherUnit, "900", "50%", "Thiếu phòng tin học Hoa Lư");
    }

    /// <summary>A fresh chat user holding the actor's role (own scope), so each case starts with an empty conversation.</summary>
    public async Task<string> UserAsync(string actor)
    {
        var user = $"m{++users}-{actor}";
        switch (actor)
        {
            case "anonymous":
                break;
            case "staff":
                await Chat.RegisterAsync(user, Role.Staff, OwnUnit);
                break;
            case "focal":
                await Chat.RegisterAsync(user, Role.FocalPoint, OwnUnit);
                break;
            case "officer":
                await Chat.RegisterAsync(user, Role.CommuneOfficer, OwnCommune);
                break;
            case "so":
                await Chat.RegisterAsync(user, Role.DepartmentStaff, "");
                break;
            case "admin":
                await Chat.RegisterAsync(user, Role.Admin, "");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(actor), actor, null);
        }

        return user;
    }

    /// <summary>Every report and answer of the given units, as one string: equal before and after means unchanged.</summary>
    public Task<string> FingerprintAsync(IReadOnlyCollection<string> unitCodes) => Chat.QueryAsync(async db =>
    {
        var reports = await db.Reports.AsNoTracking().Where(r => unitCodes.Contains(r.Unit!.Code))
            .Select(r => new { r.Id, r.Unit!.Code, r.PeriodKey, r.Status, r.WorkingVersion, r.SubmittedVersion, r.Revision })
            .ToListAsync();
        var ids = reports.Select(r => r.Id).ToList();
        var answers = await db.Answers.AsNoTracking().Where(a => ids.Contains(a.ReportId))
            .Select(a => new { a.ReportId, a.Version, a.QuestionKey, a.Value, a.Revision }).ToListAsync();
        return string.Join("|", reports.OrderBy(r => r.Id).Select(r => r.ToString()))
            + "#" + string.Join("|", answers.OrderBy(a => a.ReportId).ThenBy(a => a.Version).ThenBy(a => a.QuestionKey, StringComparer.Ordinal).Select(a => a.ToString()));
    });

    /// <summary>The chat identities and roles of the two seeded focal points: nobody else's command may remove them.</summary>
    public Task<string> PeopleFingerprintAsync() => Chat.QueryAsync(async db =>
    {
        var people = await db.Set<ChatIdentity>().AsNoTracking().Where(i => i.PlatformUserId == "fpA" || i.PlatformUserId == "fpB")
            .Select(i => new { i.PlatformUserId, i.Person!.DisplayName, Roles = i.Person.Roles.Count }).ToListAsync();
        return string.Join("|", people.OrderBy(p => p.PlatformUserId, StringComparer.Ordinal).Select(p => p.ToString()));
    });

    private async Task FileAsync(string user, string unit, string teachers, string signatures, string difficulty)
    {
        await Chat.RegisterAsync(user, Role.FocalPoint, unit);
        await Chat.SayAsync(user, "/baocao");
        var answers = FilingConversationTests.PrimarySchoolAnswers.ToArray();
        answers[12] = teachers;
        answers[13] = signatures;
        answers[16] = difficulty;
        foreach (var answer in answers)
        {
            await Chat.SayAsync(user, answer);
        }

        var sent = await Chat.SayAsync(user, "gửi");
        if (!sent.Contains("Số tham chiếu", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Seeding the report of {unit} failed: {sent}");
        }
    }
}
