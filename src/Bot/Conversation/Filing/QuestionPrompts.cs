using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Forms.Input;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>How a question is shown, and the parser's view of it.</summary>
internal static class QuestionPrompts
{
    public static Reply Ask(DraftSession session, int index, string? prefix = null)
    {
        var question = session.Questions[index];
        var lines = new List<string>();
        if (prefix is not null)
        {
            lines.Add(prefix);
        }

        lines.Add($"Câu {index + 1}/{session.Questions.Count}{Serves(session.Form, question)}");
        var optional = question.Required || question.Text.Contains("không bắt buộc", StringComparison.OrdinalIgnoreCase) ? string.Empty : " (không bắt buộc)";
        lines.Add(question.Text + optional);
        if (question.Type == QuestionType.MultiChoice)
        {
            lines.Add("Chọn một hay nhiều mục (bấm lần nữa để bỏ chọn), rồi bấm \"Xong\"; hoặc gõ các số, cách nhau bằng dấu phẩy (ví dụ: 1, 3).");
        }

        if (session.Answers.TryGetValue(question.Key, out var current))
        {
            lines.Add($"Đang trả lời: {current.Value.Display(question)} — gõ câu trả lời mới hoặc \"giữ nguyên\".");
        }
        else if (session.CarriedOver.TryGetValue(question.Key, out var last))
        {
            lines.Add($"Kỳ trước: {last.Display(question)} — giữ nguyên?");
        }

        return new Reply(string.Join("\n", lines), Buttons(session, index)) { ExpectsNumber = ExpectsNumber(question) };
    }

    public static bool ExpectsNumber(QuestionDefinition question) => question.Type is QuestionType.Integer or QuestionType.Percentage;

    /// <summary>The buttons of a question, also attached to error replies so a phone user can still tap.</summary>
    public static IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons(DraftSession session, int index)
    {
        var question = session.Questions[index];
        var rows = new List<IReadOnlyList<ReplyButton>>();
        switch (question.Type)
        {
            case QuestionType.YesNo:
                rows.Add([new ReplyButton("Có", FilingButtons.Yes(index)), new ReplyButton("Chưa", FilingButtons.No(index))]);
                break;
            case QuestionType.Choice:
                rows.AddRange(question.Options
                    .Select((o, i) => new ReplyButton(o.Label, FilingButtons.Choice(index, i)))
                    .Chunk(2)
                    .Select(chunk => (IReadOnlyList<ReplyButton>)chunk));
                break;
            case QuestionType.MultiChoice:
                // Toggle buttons: each press selects or unselects one option and is saved at once; "Xong" moves on.
                var chosen = session.Answers.TryGetValue(question.Key, out var stored) && stored.Value is MultiChoiceAnswer multi ? multi.OptionKeys : [];
                rows.AddRange(question.Options.Select((o, i) =>
                    (IReadOnlyList<ReplyButton>)[new ReplyButton((chosen.Contains(o.Key) ? "✅ " : "⬜ ") + o.Label, FilingButtons.Toggle(index, i))]));
                rows.Add([new ReplyButton("Xong", FilingButtons.Done(index))]);
                break;
        }

        var extra = new List<ReplyButton>();
        var keep = session.Answers.TryGetValue(question.Key, out var current) ? current.Value
            : session.CarriedOver.TryGetValue(question.Key, out var last) ? last : null;
        if (keep is not null)
        {
            extra.Add(new ReplyButton($"Giữ nguyên: {CommonTexts.Shorten(keep.Display(question), 20)}", FilingButtons.Keep(index)));
        }

        if (!question.Required)
        {
            extra.Add(new ReplyButton("Bỏ qua", FilingButtons.Skip(index)));
        }

        if (extra.Count > 0)
        {
            rows.Add(extra);
        }

        return rows;
    }

    /// <summary>What the parser needs: bounds, options, and the total a count must stay within.</summary>
    public static AnswerSpec SpecFor(DraftSession session, QuestionDefinition question)
    {
        long? total = question.AtMost is { } totalKey && session.Answers.TryGetValue(totalKey, out var stored)
            && stored.Value is IntegerAnswer { Value: var t } ? t : null;
        return new AnswerSpec(
            question.Type,
            question.Options.Select(o => new AnswerChoice(o.Key, o.Label, o.Synonyms)).ToList(),
            Min: question.Min is { } min ? (long)Math.Ceiling(min) : null,
            Max: question.Max is { } max ? (long)Math.Floor(max) : null,
            Total: total,
            MaxTextLength: question.MaxLength);
    }

    /// <summary>" · chỉ số PL1 #4: CBQL, GV, NV có kiến thức, kỹ năng số" — the indicator this question serves.</summary>
    private static string Serves(FormDefinition form, QuestionDefinition question)
    {
        var indicator = form.Indicators.FirstOrDefault(i => i.Question == question.Key || i.Numerator == question.Key || i.Denominator == question.Key);
        var reference = indicator?.PlanRef ?? question.PlanRef;
        return (indicator, reference) switch
        {
            ({ } i, { } r) => $" · chỉ số {r}: {i.Name}",
            ({ } i, null) => $" · chỉ số: {i.Name}",
            (null, { } r) => $" · {r}",
            _ => string.Empty,
        };
    }
}
