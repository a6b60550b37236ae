using System.Globalization;
using System.Text.RegularExpressions;

namespace DtsAssistant.Reporting.Forms.Input;

/// <summary>
/// Reads numbers the way people type them in Vietnamese chat: "1.234" (dot groups thousands), "1,5" (comma is the
/// decimal mark), "45/60", "80%", and small numbers in words ("bốn lăm", "mười hai", "một trăm linh năm").
/// </summary>
public static partial class VietnameseNumbers
{
    /// <summary>1234 → "1.234".</summary>
    public static string Format(long value) => value.ToString("#,0", VietnameseCulture.Instance);

    /// <summary>Finds the one number in a text. Several numbers, or none, are reported as such.</summary>
    public static NumberReading Read(string text)
    {
        var folded = VietnameseText.Fold(text);
        if (folded.Length == 0)
        {
            return NumberReading.None;
        }

        var fraction = FractionPattern().Match(folded);
        if (fraction.Success)
        {
            var numerator = ParseDigits(fraction.Groups["a"].Value);
            var denominator = ParseDigits(fraction.Groups["b"].Value);
            if (numerator is null || denominator is null || OtherDigits(folded, fraction))
            {
                return NumberReading.Unclear;
            }

            return new NumberReading(NumberKind.Fraction, numerator.Value, denominator.Value);
        }

        var numbers = DigitsPattern().Matches(folded);
        if (numbers.Count > 1)
        {
            return NumberReading.Several;
        }

        if (numbers.Count == 1)
        {
            var match = numbers[0];
            var value = ParseDigits(match.Groups["n"].Value);
            if (value is null)
            {
                return NumberReading.Unclear;
            }

            var negative = match.Groups["sign"].Success;
            var rest = folded[(match.Index + match.Length)..].TrimStart();
            var percent = rest.StartsWith('%') || rest.StartsWith("phan tram", StringComparison.Ordinal);
            return new NumberReading(
                percent ? NumberKind.Percent : NumberKind.Number,
                negative ? -value.Value : value.Value,
                null);
        }

        var words = VietnameseText.Words(folded);
        var percentWords = words.Length >= 2 && words[^2] == "phan" && words[^1] == "tram";
        if (percentWords)
        {
            words = words[..^2];
        }

        var fromWords = ParseWords(words);
        return fromWords is null
            ? NumberReading.None
            : new NumberReading(percentWords ? NumberKind.Percent : NumberKind.Number, fromWords.Value, null);
    }

    /// <summary>"1.234" → 1234, "1 234" → 1234, "1,5" → 1.5, "12" → 12; "1.2.3" → null.</summary>
    public static decimal? ParseDigits(string digits)
    {
        var compact = digits.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        // ASCII digits only ([0-9], not \d, which also matches Arabic-Indic or full-width digits that decimal cannot
        // read), and TryParse: 35 digits are more than a decimal holds, and are answered as unreadable, not thrown.
        var plain = ThousandsPattern().IsMatch(compact)
            ? compact.Replace(".", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal)
            : DecimalPattern().IsMatch(compact) ? compact.Replace(',', '.') : null;
        return plain is not null && decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>Numbers in words, up to the millions: "bốn lăm" 45, "hai mươi mốt" 21, "một nghìn hai trăm" 1200.</summary>
    public static long? ParseWords(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words.Any(w => !NumberWords.Contains(w)))
        {
            return null;
        }

        return ParseScaled(words.ToArray());
    }

    private static long? ParseScaled(string[] words)
    {
        foreach (var (word, scale) in Scales)
        {
            var index = Array.FindLastIndex(words, w => w == word || (word == "nghin" && w == "ngan"));
            if (index < 0)
            {
                continue;
            }

            var left = index == 0 ? 1 : ParseScaled(words[..index]);
            var rightWords = words[(index + 1)..];
            long? right = rightWords.Length switch
            {
                0 => 0,
                // "hai nghìn tư" is colloquial for 2.400: a lone digit after a scale is the next place down.
                1 when Digit(rightWords[0]) is { } d => d * scale / 10,
                _ => ParseScaled(rightWords),
            };
            return left is null || right is null || left == 0 || right >= scale ? null : left * scale + right;
        }

        return ParseHundreds(words);
    }

    private static long? ParseHundreds(string[] w)
    {
        var i = 0;
        long value = 0;
        if (w.Length >= 2 && Digit(w[0]) is { } h && w[1] == "tram")
        {
            value = h * 100;
            i = 2;
        }
        else if (w.Length >= 1 && w[0] == "tram")
        {
            value = 100;
            i = 1;
        }

        if (i > 0 && w.Length - i == 1 && Digit(w[i]) is { } colloquialTens)
        {
            // "một trăm hai" is 120.
            return value + colloquialTens * 10;
        }

        if (i < w.Length && w[i] is "linh" or "le")
        {
            return i > 0 && w.Length - i == 2 && Digit(w[i + 1]) is { } unit ? value + unit : null;
        }

        if (i + 1 < w.Length && Digit(w[i]) is { } tens && w[i + 1] is "muoi" or "chuc")
        {
            value += tens * 10;
            i += 2;
        }
        else if (i < w.Length && w[i] == "muoi")
        {
            value += 10;
            i++;
        }
        else if (w.Length - i == 2 && Digit(w[i]) is { } t && Digit(w[i + 1]) is { } u && t > 0)
        {
            // "bốn lăm" is 45.
            return value + t * 10 + u;
        }

        if (i < w.Length && Digit(w[i]) is { } last)
        {
            value += last;
            i++;
        }

        return i == w.Length && i > 0 ? value : null;
    }

    private static int? Digit(string word) => word switch
    {
        "khong" => 0,
        "mot" => 1,
        "hai" => 2,
        "ba" => 3,
        "bon" or "tu" => 4,
        "nam" or "lam" or "nham" => 5,
        "sau" => 6,
        "bay" => 7,
        "tam" => 8,
        "chin" => 9,
        _ => null,
    };

    private static readonly (string Word, long Scale)[] Scales = [("trieu", 1_000_000), ("nghin", 1_000)];

    private static readonly HashSet<string> NumberWords =
    [
        "khong", "mot", "hai", "ba", "bon", "tu", "nam", "lam", "nham", "sau", "bay", "tam", "chin",
        "muoi", "chuc", "tram", "nghin", "ngan", "trieu", "linh", "le",
    ];

    private static bool OtherDigits(string folded, Match fraction) =>
        folded[..fraction.Index].Any(char.IsAsciiDigit) || folded[(fraction.Index + fraction.Length)..].Any(char.IsAsciiDigit);

    [GeneratedRegex(@"(?<a>[0-9][0-9.]*)\s*(?:/|tren)\s*(?<b>[0-9][0-9.]*)")]
    private static partial Regex FractionPattern();

    [GeneratedRegex(@"(?<sign>-\s*)?(?<n>[0-9]+(?:[.,][0-9]+|\s[0-9]{3}(?![0-9]))*)")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"^[0-9]{1,3}(?:\.[0-9]{3})+$|^[0-9]{1,3}(?:,[0-9]{3})+$")]
    private static partial Regex ThousandsPattern();

    [GeneratedRegex(@"^[0-9]+(?:,[0-9]+)?$|^[0-9]+\.[0-9]{1,2}$")]
    private static partial Regex DecimalPattern();
}

public enum NumberKind
{
    None,
    Number,
    Fraction,
    Percent,
    Several,
    Unclear,
}

/// <summary>What <see cref="VietnameseNumbers.Read"/> found.</summary>
public sealed record NumberReading(NumberKind Kind, decimal Value, decimal? Denominator)
{
    public static readonly NumberReading None = new(NumberKind.None, 0, null);
    public static readonly NumberReading Several = new(NumberKind.Several, 0, null);
    public static readonly NumberReading Unclear = new(NumberKind.Unclear, 0, null);
}
