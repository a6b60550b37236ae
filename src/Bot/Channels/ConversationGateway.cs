using DtsAssistant.Bot.Conversation;

namespace DtsAssistant.Bot.Channels;

/// <summary>
/// The one door from every channel into the conversation core: a DI scope per message (the engine may hold a
/// DbContext), a guard for input no platform should pass on, and a polite Vietnamese reply when the core fails,
/// so a person is never left without an answer.
/// </summary>
internal sealed class ConversationGateway(IServiceScopeFactory scopes, ILogger<ConversationGateway> logger)
{
    /// <summary>Longer than any real question or filing answer; Telegram itself caps text at 4,096.</summary>
    public const int MaxTextLength = 4_096;

    public static readonly Reply TooLong = new(
        "Tin nhắn quá dài (tối đa 4.096 ký tự). Bạn hãy gửi câu hỏi ngắn gọn hơn nhé.");

    public static readonly Reply Failure = new(
        "Xin lỗi, hệ thống đang gặp sự cố nên chưa xử lý được tin nhắn này. Bạn vui lòng thử lại sau ít phút.");

    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (message.Text is { Length: > MaxTextLength })
        {
            return [TooLong];
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var engine = scope.ServiceProvider.GetRequiredService<IConversationEngine>();
            return await engine.HandleAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The conversation core failed for {Conversation}", message.ConversationKey);
            return [Failure];
        }
    }
}
