using System.Globalization;
using System.Text.RegularExpressions;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Filing;

internal enum FilingCommand
{
    None,
    Back,
    Skip,
    Edit,
    Pause,
    Cancel,
    Help,
    Submit,
    Keep,
    Summary,
}

/// <summary>A word that works at any time during filing; <see cref="Number"/> is N in "sửa N".</summary>
internal sealed record FilingWord(FilingCommand Command, int? Number = null)
{
    public static readonly FilingWord None = new(FilingCommand.None);
}

/// <summary>
/// Recognizes the words that work at any time during filing, with or without diacritics ("quay lại"/"quay lai",
/// "hủy"/"huỷ"/"huy"), and the data of the filing buttons.
/// </summary>
internal static partial class FilingWords
{
    public static FilingWord Parse(string text)
    {
        var folded = VietnameseText.FoldWords(text);
        var edit = EditPattern().Match(folded);
        if (edit.Success && int.TryParse(edit.Groups["n"].Value, CultureInfo.InvariantCulture, out var n))
        {
            return new FilingWord(FilingCommand.Edit, n);
        }

        return folded switch
        {
            "quay lai" or "lui" or "lui lai" or "tro lai" or "cau truoc" or "back" => new(FilingCommand.Back),
            "bo qua" or "qua" or "skip" or "bo trong" or "de trong" or "cau sau" => new(FilingCommand.Skip),
            "tam dung" or "dung" or "tam nghi" or "luu lai" or "de sau" or "pause" => new(FilingCommand.Pause),
            "huy" or "huy bo" or "huy bao cao" or "thoat" or "cancel" => new(FilingCommand.Cancel),
            "tro giup" or "giup" or "huong dan" or "help" => new(FilingCommand.Help),
            "gui" or "gui bao cao" or "nop" or "nop bao cao" or "gui di" or "submit" => new(FilingCommand.Submit),
            "giu nguyen" or "nhu cu" or "nhu thang truoc" or "khong doi" or "giu" => new(FilingCommand.Keep),
            "tom tat" or "xem lai" or "xem tom tat" => new(FilingCommand.Summary),
            "sua" => new(FilingCommand.Edit),
            _ => FilingWord.None,
        };
    }

    [GeneratedRegex(@"^(?:sua|sua lai|sua cau|cau) (?:cau )?(?<n>\d{1,2})$")]
    private static partial Regex EditPattern();
}

/// <summary>
/// Data of the filing buttons. Question buttons carry the question's position, so a button pressed on an old message
/// never answers the question being asked now.
/// </summary>
internal static class FilingButtons
{
    public const string Prefix = "f:";

    public static string Yes(int index) => $"f:{index}:yes";

    public static string No(int index) => $"f:{index}:no";

    public static string Choice(int index, int option) => $"f:{index}:c:{option}";

    public static string Toggle(int index, int option) => $"f:{index}:t:{option}";

    public static string Done(int index) => $"f:{index}:done";

    public static string Keep(int index) => $"f:{index}:keep";

    public static string Skip(int index) => $"f:{index}:skip";

    public const string Back = "f:back";
    public const string Pause = "f:pause";
    public const string Submit = "f:submit";
    public const string Amend = "f:amend";
    public const string CancelYes = "f:cancel:yes";
    public const string CancelNo = "f:cancel:no";
    public const string Close = "f:close";

    /// <summary>A pressed button as (question position or null, action, option).</summary>
    public static (int? Index, string Action, int Option) Read(string data)
    {
        var parts = data.Split(':');
        if (parts.Length >= 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var index))
        {
            var option = parts.Length >= 4 && int.TryParse(parts[3], CultureInfo.InvariantCulture, out var o) ? o : -1;
            return (index, parts[2], option);
        }

        return (null, string.Join(':', parts.Skip(1)), -1);
    }
}
