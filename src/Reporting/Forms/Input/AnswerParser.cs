using System.Globalization;

namespace DtsAssistant.Reporting.Forms.Input;

/// <summary>
/// Turns what a person typed in chat into a value for one question, or a short Vietnamese error that says what is
/// expected, with an example, without repeating the question.
/// </summary>
public static class AnswerParser
{
    private static readonly HashSet<string> YesWords =
    [
        "co", "roi", "da", "ok", "oke", "okay", "okie", "yes", "y", "dung", "vang", "xong", "true", "duoc", "u", "uh", "um",
    ];

    private static readonly HashSet<string> NoWords =
    [
        "khong", "chua", "ko", "k", "kg", "hok", "khg", "no", "n", "false", "chx",
    ];

    private static readonly HashSet<string> HedgeWords = ["the", "le", "chac", "hinh", "biet"];

    public static ParsedAnswer Parse(AnswerSpec spec, string? input)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return ParsedAnswer.Invalid("Bạn chưa nhập câu trả lời.");
        }

        return spec.Type switch
        {
            QuestionType.YesNo => ParseYesNo(text),
            QuestionType.Integer => ParseInteger(spec, text),
            QuestionType.Percentage => ParsePercentage(text),
            QuestionType.Choice => ParseChoice(spec, text),
            QuestionType.MultiChoice => ParseMultiChoice(spec, text),
            QuestionType.Text => text.Length <= spec.MaxTextLength
                ? ParsedAnswer.Valid(text)
                : ParsedAnswer.Invalid($"Câu trả lời dài quá ({text.Length} ký tự); bạn tóm tắt trong {spec.MaxTextLength} ký tự nhé."),
            _ => ParsedAnswer.Invalid("Loại câu hỏi này chưa được hỗ trợ."),
        };
    }

    /// <summary>Yes or no from "có / rồi / đã / ok / không / chưa"; a negation anywhere wins ("chưa có" is no).</summary>
    public static bool? ReadYesNo(string text)
    {
        var words = VietnameseText.Words(text);
        if (words.Length == 0)
        {
            return null;
        }

        if (words.Any(HedgeWords.Contains))
        {
            // "có thể", "có lẽ", "chắc là": a guess is not an answer.
            return null;
        }

        if (words.Any(NoWords.Contains))
        {
            return false;
        }

        return words.Any(YesWords.Contains) ? true : null;
    }

    private static ParsedAnswer ParseYesNo(string text) =>
        ReadYesNo(text) is { } yes
            ? ParsedAnswer.YesNo(yes)
            : ParsedAnswer.Invalid("Câu này cần trả lời có hoặc không, ví dụ: \"có\", \"rồi\", \"chưa\".");

    /// <summary>How people say "none" for a count: "không có", "chưa có", "không có cái nào".</summary>
    private static readonly HashSet<string> NoneWords =
    [
        "khong", "chua", "khong co", "chua co", "ko co", "k co", "kg co", "chang co", "khong co gi", "chua co gi",
        "khong co ai", "chua co ai", "khong co cai nao", "chua co cai nao", "khong cai nao", "chua cai nao",
    ];

    /// <summary>Words that count things, dropped after a number: "0 cái", "ba bài", "12 người".</summary>
    private static readonly string[] CountWords =
    [
        "cai", "nguoi", "bai", "chiec", "tin", "lan", "buoi", "hoat dong", "may", "phan mem", "hoc lieu", "tiet", "lop",
        "truong", "don vi", "giao vien", "can bo", "hoc sinh", "ban",
    ];

    /// <summary>A count as typed: "không có" and "chưa có" are 0, a counting word after the number is dropped.</summary>
    private static NumberReading ReadCount(string text)
    {
        var folded = VietnameseText.FoldWords(text);
        var counted = CountWords.FirstOrDefault(w => folded.EndsWith(" " + w, StringComparison.Ordinal));
        var number = counted is null ? folded : folded[..^(counted.Length + 1)];
        if (NoneWords.Contains(number))
        {
            return new NumberReading(NumberKind.Number, 0, null);
        }

        var reading = VietnameseNumbers.Read(text);
        return reading.Kind == NumberKind.None && counted is not null ? VietnameseNumbers.Read(number) : reading;
    }

    private static ParsedAnswer ParseInteger(AnswerSpec spec, string text)
    {
        var example = spec.Total is { } t
            ? $"ví dụ: {VietnameseNumbers.Format(Math.Max(1, t * 4 / 5))} hoặc \"80%\" (của {VietnameseNumbers.Format(t)})"
            : "ví dụ: 45 hoặc 1.234";
        var reading = ReadCount(text);
        decimal value;
        switch (reading.Kind)
        {
            case NumberKind.Number:
                value = reading.Value;
                break;
            case NumberKind.Fraction when spec.Total is { } total && reading.Denominator != total:
                return ParsedAnswer.Invalid(
                    $"Tổng số đã khai là {VietnameseNumbers.Format(total)}, không phải {reading.Denominator!.Value.ToString("#,0.##", DtsAssistant.Text.VietnameseCulture.Instance)}. " +
                    $"Bạn nhập số lượng, {example}; hoặc sửa câu tổng số trước.");
            case NumberKind.Fraction:
                value = reading.Value;
                break;
            case NumberKind.Percent when spec.Total is { } total:
                if (reading.Value is < 0 or > 100)
                {
                    return ParsedAnswer.Invalid($"Tỷ lệ phải từ 0% đến 100%; {example}.");
                }

                value = Math.Round(total * reading.Value / 100m, MidpointRounding.AwayFromZero);
                break;
            case NumberKind.Percent:
                return ParsedAnswer.Invalid($"Câu này cần số lượng, không phải tỷ lệ; {example}.");
            case NumberKind.Several:
                return ParsedAnswer.Invalid($"Tôi thấy nhiều số quá; bạn chỉ nhập một số, {example}.");
            default:
                return ParsedAnswer.Invalid($"Câu này cần một số, {example}.");
        }

        if (value != decimal.Truncate(value))
        {
            return ParsedAnswer.Invalid($"Câu này cần số nguyên (dấu chấm ngăn cách hàng nghìn), {example}.");
        }

        if (value < (spec.Min ?? 0))
        {
            return ParsedAnswer.Invalid(spec.Min is > 0
                ? $"Số phải từ {VietnameseNumbers.Format(spec.Min.Value)} trở lên; {example}."
                : $"Số không được âm; {example}.");
        }

        if (spec.Max is { } max && value > max)
        {
            return ParsedAnswer.Invalid($"Số không được lớn hơn {VietnameseNumbers.Format(max)}; {example}.");
        }

        if (spec.Total is { } limit && value > limit)
        {
            return ParsedAnswer.Invalid($"Số này lớn hơn tổng số đã khai ({VietnameseNumbers.Format(limit)}); {example}.");
        }

        return value > long.MaxValue / 2
            ? ParsedAnswer.Invalid($"Số quá lớn; {example}.")
            : ParsedAnswer.Integer((long)value);
    }

    private static ParsedAnswer ParsePercentage(string text)
    {
        const string example = "ví dụ: 80% hoặc 45/60";
        const string outOfRange = $"Tỷ lệ phải từ 0% đến 100%; {example}.";
        var reading = VietnameseNumbers.Read(text);
        decimal percent;
        switch (reading.Kind)
        {
            case NumberKind.Number or NumberKind.Percent:
                percent = reading.Value;
                break;
            case NumberKind.Fraction when reading.Denominator is > 0 && (reading.Value < 0 || reading.Value > reading.Denominator):
                // Outside 0…1, refused before any arithmetic: 28-digit parts overflow a decimal even divided first.
                return ParsedAnswer.Invalid(outOfRange);
            case NumberKind.Fraction when reading.Denominator is > 0:
                // The quotient is at most 1: × 100 cannot overflow.
                percent = Math.Round(reading.Value / reading.Denominator.Value * 100m, 2);
                break;
            case NumberKind.Fraction:
                return ParsedAnswer.Invalid($"Mẫu số phải lớn hơn 0; {example}.");
            default:
                return ParsedAnswer.Invalid($"Câu này cần một tỷ lệ, {example}.");
        }

        return percent is < 0 or > 100 ? ParsedAnswer.Invalid(outOfRange) : ParsedAnswer.Percent(percent);
    }

    private static ParsedAnswer ParseChoice(AnswerSpec spec, string text)
    {
        var choice = MatchChoice(spec.ChoiceList, text);
        return choice is null
            ? ParsedAnswer.Invalid($"Bạn chọn một trong: {ChoiceHint(spec.ChoiceList)} (gõ số thứ tự hoặc bấm nút).")
            : ParsedAnswer.Valid(choice.Key, choice.Label);
    }

    private static ParsedAnswer ParseMultiChoice(AnswerSpec spec, string text)
    {
        var parts = text.Split([',', ';', '\n', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(p => p.Split(" và ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var keys = new List<string>();
        var labels = new List<string>();
        foreach (var part in parts)
        {
            var choice = MatchChoice(spec.ChoiceList, part);
            if (choice is not null)
            {
                if (!keys.Contains(choice.Key))
                {
                    keys.Add(choice.Key);
                    labels.Add(choice.Label);
                }
            }
            else if (spec.AllowOther && part.Length <= spec.MaxTextLength)
            {
                var other = part.Replace(";", ",", StringComparison.Ordinal);
                keys.Add(other);
                labels.Add(other);
            }
            else
            {
                return ParsedAnswer.Invalid(
                    $"Tôi không nhận ra \"{Shorten(part)}\". Bạn chọn một hay nhiều trong: {ChoiceHint(spec.ChoiceList)}, cách nhau bằng dấu phẩy (ví dụ: 1, 3).");
            }
        }

        return keys.Count == 0
            ? ParsedAnswer.Invalid($"Bạn chọn ít nhất một mục trong: {ChoiceHint(spec.ChoiceList)}.")
            : ParsedAnswer.Valid(string.Join(';', keys), string.Join(", ", labels));
    }

    /// <summary>
    /// Matches by number ("2"), key, whole folded label or synonym, a unique label containing the typed words, or for yes/no words
    /// the unique label starting with "đã" / "chưa" (so "rồi" picks "đã hoàn thành").
    /// </summary>
    public static AnswerChoice? MatchChoice(IReadOnlyList<AnswerChoice> choices, string text)
    {
        var typed = VietnameseText.FoldWords(text);
        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
        {
            return choices[number - 1];
        }

        var exact = choices.FirstOrDefault(c => VietnameseText.FoldWords(c.Key) == typed || VietnameseText.FoldWords(c.Label) == typed)
            ?? choices.FirstOrDefault(c => c.SynonymList.Any(s => VietnameseText.FoldWords(s) == typed));
        if (exact is not null)
        {
            return exact;
        }

        var containing = choices.Where(c => ContainsWords(VietnameseText.FoldWords(c.Label), typed)).ToList();
        if (containing.Count == 1)
        {
            return containing[0];
        }

        var contained = choices.Where(c => ContainsWords(typed, VietnameseText.FoldWords(c.Label))).ToList();
        if (contained.Count >= 1)
        {
            return contained.MaxBy(c => c.Label.Length);
        }

        if (ReadYesNo(text) is { } yes)
        {
            var prefix = yes ? "da " : "chua";
            var byPrefix = choices.Where(c => VietnameseText.FoldWords(c.Label).StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (byPrefix.Count == 1)
            {
                return byPrefix[0];
            }
        }

        return null;
    }

    private static bool ContainsWords(string haystack, string needle) =>
        $" {haystack} ".Contains($" {needle} ", StringComparison.Ordinal);

    private static string ChoiceHint(IReadOnlyList<AnswerChoice> choices) =>
        string.Join("; ", choices.Select((c, i) => $"{i + 1}. {c.Label}"));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
