namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// The channel-neutral conversation core: checks input, serializes messages per conversation, and hands each one to
/// the router inside its own DI scope. Failures become one fixed polite reply; the exception is logged.
/// </summary>
internal sealed class ConversationEngine(
    IServiceScopeFactory scopes,
    KeyedLock locks,
    ILogger<ConversationEngine> logger) : IConversationEngine
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var input = InputSanitizer.Check(message);
        if (input.IsRejected)
        {
            return [new Reply(input.RejectionReply!)];
        }

        using var held = await locks.AcquireAsync(message.ConversationKey, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var router = scope.ServiceProvider.GetRequiredService<MessageRouter>();
            return await router.RouteAsync(new Turn(message, input.Text, input.ButtonData), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Conversation {Key} failed on a message", message.ConversationKey);
            return [new Reply("Xin lỗi, mình gặp lỗi khi xử lý tin nhắn này. Bạn thử lại sau ít phút nhé.")];
        }
    }
}
