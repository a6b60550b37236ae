using DtsAssistant.Bot.Conversation.Common;
using DtsAssistant.Bot.Conversation.State;

namespace DtsAssistant.Bot.Conversation.Routing;

/// <summary>
/// The one door into the conversation core for every channel and the terminal: it checks the input (one length limit,
/// <see cref="InputSanitizer.MaxLength"/>), serializes messages per conversation, opens one DI scope per message and
/// hands the message to the router. A failure becomes the one apology (<see cref="CommonTexts.Failure"/>); the exception
/// is logged. <see cref="HandleAsync"/> is the single entry a decorator (exactly-once handling) can wrap.
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

        try
        {
            using var held = await locks.AcquireAsync(message.ConversationKey, cancellationToken).ConfigureAwait(false);
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
            logger.LogError(exception, "Conversation {Key} failed on a message", Hosting.LogPseudonym.Of(message.ConversationKey));
            return [new Reply(CommonTexts.Failure)];
        }
    }
}
