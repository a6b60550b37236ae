using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;

namespace DtsAssistant.Bot.Conversation.Filing;

/// <summary>
/// One message during filing, read once: a filing word ("quay lại", "sửa 5", or the button that means it), typed text,
/// a pressed answer button, a confirmation, or a button that belongs to another question. Buttons are never turned back
/// into words and parsed again.
/// </summary>
internal abstract record FilingInput
{
    /// <summary>A word that works at any time ("bỏ qua", "sửa 5", "gửi"…), typed or pressed.</summary>
    public sealed record Word(FilingWord Value) : FilingInput;

    /// <summary>Typed text that is not a filing word: an answer, a question, or something else.</summary>
    public sealed record Text(string Value) : FilingInput;

    /// <summary>The "Có"/"Chưa" button of a yes/no question.</summary>
    public sealed record YesNo(bool Value) : FilingInput;

    /// <summary>An option button of a one-choice question.</summary>
    public sealed record Choice(int Option) : FilingInput;

    /// <summary>An option button of a multi-choice question: selects or unselects it.</summary>
    public sealed record Toggle(int Option) : FilingInput;

    /// <summary>"Xong" under a multi-choice question.</summary>
    public sealed record Done : FilingInput;

    /// <summary>A yes/no button of a step's own question (delete the draft? amend the report?).</summary>
    public sealed record Confirm(string Topic, bool Value) : FilingInput;

    /// <summary>A button of another question or step; <see cref="Index"/> is its question position when it has one.</summary>
    public sealed record Stale(int? Index) : FilingInput;

    public static FilingInput Read(Turn turn, FilingState current)
    {
        if (turn.ButtonData is not { } data || !data.StartsWith(FilingButtons.Prefix, StringComparison.Ordinal))
        {
            var text = turn.Text ?? string.Empty;
            var word = FilingWords.Parse(text);
            return word.Command == FilingCommand.None ? new Text(text) : new Word(word);
        }

        var (index, action, option) = FilingButtons.Read(data);
        if (index is { } i && (current.Step != FilingStep.Question || i != current.Index))
        {
            return new Stale(i);
        }

        return action switch
        {
            "yes" => new YesNo(true),
            "no" => new YesNo(false),
            "c" when option >= 0 => new Choice(option),
            "t" when option >= 0 => new Toggle(option),
            "done" => new Done(),
            "keep" => new Word(new FilingWord(FilingCommand.Keep)),
            "skip" => new Word(new FilingWord(FilingCommand.Skip)),
            "back" => new Word(new FilingWord(FilingCommand.Back)),
            "pause" => new Word(new FilingWord(FilingCommand.Pause)),
            "submit" => new Word(new FilingWord(FilingCommand.Submit)),
            "amend" => new Confirm("amend", true),
            "close" => new Confirm("amend", false),
            "cancel:yes" => new Confirm("cancel", true),
            "cancel:no" => new Confirm("cancel", false),
            _ => new Stale(null),
        };
    }
}
