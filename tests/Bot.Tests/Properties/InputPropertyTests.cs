using CsCheck;
using DtsAssistant.Bot.Channels;
using DtsAssistant.Bot.Conversation;
using DtsAssistant.Bot.Conversation.Routing;
using DtsAssistant.Knowledge.Text;

namespace DtsAssistant.Bot.Tests.Properties;

/// <summary>
/// Property tests (CsCheck) over what every message passes through: command parsing, the input guards and the message
/// splitter. Whatever arrives — foreign digits, lone surrogates, controls, emoji, long words, tags — nothing throws.
/// </summary>
public sealed class InputPropertyTests
{
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Char['a', 'z'].Array[1, 8].Select(c => new string(c)),
        Gen.Char['a', 'z'].Array[150, 400].Select(c => new string(c)),
        Gen.Char['0', '9'].Array[1, 40].Select(c => new string(c)),
        Gen.Char['\u0660', '\u0669'].Array[1, 4].Select(c => new string(c)),
        Gen.Char['\uFF10', '\uFF19'].Array[1, 4].Select(c => new string(c)),
        Gen.OneOf("/", "/dangky", "/DANGKY@bot", "/đăngký", "/baocao ", "@", " ", "  ", "\n", "\n\n", "\t", "\r\n", ".", "!", "?",
            "đầu mối", "báo cáo", "<b>", "</b>", "&amp;", "&", "<", ">", "\"", "💥", "👍🏽", "\u200B", "\u0000", "\u0001", "\u001B",
            "\uFFFD", "\uD800", "\uDC00", "\u0301", "ﬁ", "\u202E", "\uE000"),
        Gen.Char.Array[1, 3].Select(c => new string(c)));

    private static readonly Gen<string> Text = Piece.Array[0, 30].Select(string.Concat);

    [Fact]
    public void Command_parsing_never_throws_and_finds_a_command_only_after_a_slash() =>
        Text.Sample(text => CommandLine.Parse(text) is not { } command || (text.StartsWith('/') && command.Name.Length > 0), iter: 20_000);

    [Fact]
    public void The_chat_input_guard_never_throws_and_passes_only_clean_bounded_text() =>
        Text.Sample(text =>
        {
            var checkedInput = InputSanitizer.Check(new IncomingMessage("web", "u", "u", text));
            return checkedInput.IsRejected
                ? !string.IsNullOrWhiteSpace(checkedInput.RejectionReply)
                : checkedInput.Text!.Length <= InputSanitizer.MaxLength && !checkedInput.Text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
        }, iter: 20_000);

    [Fact]
    public void The_question_guard_never_throws_and_passes_only_bounded_text_with_letters() =>
        Text.Sample(text =>
        {
            var result = InputGuard.Check(text);
            return result.IsValid
                ? result.Text.Length is > 0 and <= InputGuard.MaxLength && result.Text.Any(char.IsLetterOrDigit)
                : !string.IsNullOrWhiteSpace(result.Problem);
        }, iter: 20_000);

    [Fact]
    public void Splitting_never_throws_keeps_every_chunk_within_the_limit_and_loses_no_visible_character() =>
        Gen.Select(Text, Gen.Int[16, 300]).Sample((text, max) =>
        {
            var chunks = MessageSplitter.Split(text, max);
            return chunks.All(c => c.Length <= max) && Visible(string.Concat(chunks)) == Visible(text);
        }, iter: 10_000);

    [Fact]
    public void Splitting_escaped_html_never_throws_and_never_cuts_an_entity() =>
        Gen.Select(Text, Gen.Int[16, 300]).Sample((text, max) =>
        {
            var html = System.Net.WebUtility.HtmlEncode(text);
            var chunks = MessageSplitter.Split("<b>" + html + "</b>", max, html: true);
            return chunks.All(c => c.StartsWith("<b>", StringComparison.Ordinal) && c.EndsWith("</b>", StringComparison.Ordinal)
                && !System.Text.RegularExpressions.Regex.IsMatch(c, "&[a-z#0-9]*(?![a-z#0-9;])(?<!;)$"));
        }, iter: 5_000);

    private static string Visible(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
