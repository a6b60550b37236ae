using System.Globalization;

namespace DtsAssistant.Reporting.Forms.Input;

/// <summary>
/// A typed chat answer understood as a value, or the reason it was not. <see cref="Value"/> is the canonical stored
/// form: "true"/"false", an integer without separators, a percentage with '.' decimals, a choice key, keys joined by
/// ';', or the trimmed text.
/// </summary>
public sealed record ParsedAnswer(bool Ok, string? Value, string? Error, string? Display = null)
{
    public static ParsedAnswer Valid(string value, string? display = null) => new(true, value, null, display ?? value);

    public static ParsedAnswer Invalid(string error) => new(false, null, error);

    public static ParsedAnswer YesNo(bool yes) => Valid(yes ? "true" : "false", yes ? "Có" : "Không");

    public static ParsedAnswer Integer(long value) =>
        Valid(value.ToString(CultureInfo.InvariantCulture), VietnameseNumbers.Format(value));

    public static ParsedAnswer Percent(decimal value) =>
        Valid(value.ToString("0.##", CultureInfo.InvariantCulture), value.ToString("0.##", VietnameseCulture.Instance) + "%");
}
