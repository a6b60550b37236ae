using DtsAssistant.Reporting.Data;

namespace DtsAssistant.Reporting.Directory;

/// <summary>Role codes as written on the command line and in documents: staff, focal_point, commune_officer, department_staff, admin.</summary>
public static class RoleNames
{
    public static string Code(Role role) => role switch
    {
        Role.FocalPoint => "focal_point",
        Role.CommuneOfficer => "commune_officer",
        Role.DepartmentStaff => "department_staff",
        Role.Admin => "admin",
        _ => "staff",
    };

    /// <summary>Vietnamese name of a role, for people.</summary>
    public static string Label(Role role) => DirectoryService.RoleLabel(role);

    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        var code = (text ?? "").Trim().ToLowerInvariant().Replace('-', '_');
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (Code(candidate) == code)
            {
                role = candidate;
                return true;
            }
        }

        return false;
    }
}
