namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>Decides what one message is: a command, or a question for the knowledge base.</summary>
internal sealed class MessageRouter(KnowledgeReplies knowledge)
{
    public Task<IReadOnlyList<Reply>> RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var command = CommandLine.Parse(turn.Input);
        IReadOnlyList<Reply> replies = command?.Name switch
        {
            "start" => [new Reply(HelpText.Welcome)],
            "trogiup" or "help" => [new Reply(HelpText.Commands)],
            not null => [new Reply($"Mình chưa biết lệnh /{command.Name}. Gõ /trogiup để xem các lệnh.")],
            null => [knowledge.Answer(turn.Input)],
        };
        return Task.FromResult(replies);
    }
}

/// <summary>A slash command: "/dangky ABC123" is name "dangky", argument "ABC123". "@botname" suffixes are dropped.</summary>
internal sealed record CommandLine(string Name, string Argument)
{
    public static CommandLine? Parse(string text)
    {
        if (text.Length < 2 || text[0] != '/')
        {
            return null;
        }

        var space = text.IndexOfAny([' ', '\n', '\t']);
        var head = space < 0 ? text[1..] : text[1..space];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            head = head[..at];
        }

        var name = DtsAssistant.Reporting.Forms.Input.VietnameseText.Fold(head);
        return name.Length == 0 ? null : new CommandLine(name, space < 0 ? string.Empty : text[(space + 1)..].Trim());
    }
}
