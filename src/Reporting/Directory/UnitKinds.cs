namespace DtsAssistant.Reporting.Directory;

/// <summary>Kinds of education unit in the plan (V.1-V.3).</summary>
public enum UnitKind
{
    /// <summary>Phòng thuộc Sở (Văn phòng Sở, Phòng CTHSSV, ...).</summary>
    DepartmentOffice,

    /// <summary>Đơn vị trực thuộc Sở that is not a school (reports to the Sở).</summary>
    DirectUnit,

    /// <summary>Trường mầm non (MN).</summary>
    Preschool,

    /// <summary>Trường tiểu học (TH).</summary>
    Primary,

    /// <summary>Trường THCS.</summary>
    LowerSecondary,

    /// <summary>Trường TH&amp;THCS (multi-level).</summary>
    PrimaryAndLowerSecondary,

    /// <summary>Trường THPT (trực thuộc Sở).</summary>
    UpperSecondary,

    /// <summary>Trung tâm GDNN-GDTX (trực thuộc Sở).</summary>
    ContinuingEducation,
}

/// <summary>School levels used by form applicability (a TH&amp;THCS school has two).</summary>
public enum SchoolLevel
{
    MN,
    TH,
    THCS,
    THPT,
    GDTX,
}

/// <summary>Who a unit reports to (plan V.3).</summary>
public enum ReportingLine
{
    /// <summary>To the Sở GDĐT (phòng thuộc Sở, đơn vị trực thuộc Sở).</summary>
    Department,

    /// <summary>To the UBND xã/phường (MN, TH, THCS schools).</summary>
    Commune,
}

/// <summary>What the form engine needs to know about a unit.</summary>
public sealed record UnitProfile(UnitKind Kind, bool IsPublic);

public static class UnitKinds
{
    private static readonly IReadOnlyDictionary<UnitKind, SchoolLevel[]> Levels = new Dictionary<UnitKind, SchoolLevel[]>
    {
        [UnitKind.DepartmentOffice] = [],
        [UnitKind.DirectUnit] = [],
        [UnitKind.Preschool] = [SchoolLevel.MN],
        [UnitKind.Primary] = [SchoolLevel.TH],
        [UnitKind.LowerSecondary] = [SchoolLevel.THCS],
        [UnitKind.PrimaryAndLowerSecondary] = [SchoolLevel.TH, SchoolLevel.THCS],
        [UnitKind.UpperSecondary] = [SchoolLevel.THPT],
        [UnitKind.ContinuingEducation] = [SchoolLevel.GDTX],
    };

    public static IReadOnlyCollection<SchoolLevel> LevelsOf(UnitKind kind) => Levels[kind];

    public static ReportingLine ReportingLineOf(UnitKind kind) => kind switch
    {
        UnitKind.Preschool or UnitKind.Primary or UnitKind.LowerSecondary or UnitKind.PrimaryAndLowerSecondary => ReportingLine.Commune,
        _ => ReportingLine.Department,
    };

    /// <summary>Short code used in spreadsheets and chat ("MN", "TH&amp;THCS", "PHONG_SO").</summary>
    public static string Code(UnitKind kind) => kind switch
    {
        UnitKind.DepartmentOffice => "PHONG_SO",
        UnitKind.DirectUnit => "TRUC_THUOC",
        UnitKind.Preschool => "MN",
        UnitKind.Primary => "TH",
        UnitKind.LowerSecondary => "THCS",
        UnitKind.PrimaryAndLowerSecondary => "TH&THCS",
        UnitKind.UpperSecondary => "THPT",
        _ => "GDTX",
    };

    /// <summary>Vietnamese name of a kind, for people.</summary>
    public static string Label(UnitKind kind) => kind switch
    {
        UnitKind.DepartmentOffice => "Phòng thuộc Sở",
        UnitKind.DirectUnit => "Đơn vị trực thuộc Sở",
        UnitKind.Preschool => "Mầm non",
        UnitKind.Primary => "Tiểu học",
        UnitKind.LowerSecondary => "THCS",
        UnitKind.PrimaryAndLowerSecondary => "TH&THCS",
        UnitKind.UpperSecondary => "THPT",
        _ => "GDNN-GDTX",
    };

    /// <summary>Parses a kind as written in a spreadsheet: the code, the Vietnamese label, with or without diacritics.</summary>
    public static bool TryParse(string? text, out UnitKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var folded = VietnameseText.Fold(text).Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .Replace("-", "", StringComparison.Ordinal).Replace(",", "&", StringComparison.Ordinal).Replace("+", "&", StringComparison.Ordinal);
        UnitKind? found = folded switch
        {
            "phongso" or "phongthuocso" or "phong" => UnitKind.DepartmentOffice,
            "tructhuoc" or "donvitructhuocso" or "tructhuocso" or "donvitructhuoc" => UnitKind.DirectUnit,
            "mn" or "mamnon" or "mau giao" or "maugiao" => UnitKind.Preschool,
            "th" or "tieuhoc" => UnitKind.Primary,
            "thcs" or "trunghoccoso" => UnitKind.LowerSecondary,
            "th&thcs" or "tieuhoc&thcs" or "tieuhocvathcs" or "ththcs" => UnitKind.PrimaryAndLowerSecondary,
            "thpt" or "trunghocphothong" => UnitKind.UpperSecondary,
            "gdtx" or "gdnngdtx" or "gdnn&gdtx" or "ttgdnngdtx" => UnitKind.ContinuingEducation,
            _ => null,
        };
        if (found is null)
        {
            return false;
        }

        kind = found.Value;
        return true;
    }
}
