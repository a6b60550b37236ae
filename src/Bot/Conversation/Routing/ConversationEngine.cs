using DtsAssistant.Bot.Conversation.State;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// The channel-neutral conversation core: checks input, serializes messages per conversation, and hands each one to
/// the router inside its own DI scope. Failures become one fixed polite reply; the exception is logged.
/// </summary>
internal sealed class ConversationEngine(
    IServiceScopeFactory scopes,
    KeyedLock locks,
    HandledUpdates handled,
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
            // One transaction for the message's effects and its platform id: a redelivery after a crash only re-sends.
            return await handled.RunAsync(message.ConversationKey,
                ct => router.RouteAsync(new Turn(message, input.Text, input.ButtonData), ct), cancellationToken).ConfigureAwait(false);
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
