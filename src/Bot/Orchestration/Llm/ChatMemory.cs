using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace DtsAssistant.Bot.Orchestration.Llm;

/// <summary>
/// The last few questions and answers of each conversation, for follow-up questions. Only the text people saw is kept
/// (no function results, no report figures), it is cut to a few messages by SK's truncation reducer so a long
/// conversation stays inside the model's context, and it is forgotten after an idle hour.
/// </summary>
internal sealed class ChatMemory(IMemoryCache cache, IOptions<LlmOptions> options)
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(1);
    private readonly ChatHistoryTruncationReducer _reducer = new(Math.Max(2, options.Value.HistoryMessages));

    public async Task<IReadOnlyList<ChatMessageContent>> RecentAsync(string conversationKey, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue<List<ChatMessageContent>>(Key(conversationKey), out var messages) || messages is null)
        {
            return [];
        }

        List<ChatMessageContent> snapshot;
        lock (messages)
        {
            snapshot = [.. messages];
        }

        var reduced = await _reducer.ReduceAsync(snapshot, cancellationToken);
        return reduced is null ? snapshot : [.. reduced];
    }

    public void Remember(string conversationKey, string question, string answer)
    {
        var messages = cache.GetOrCreate(Key(conversationKey), entry =>
        {
            entry.SlidingExpiration = Idle;
            return new List<ChatMessageContent>();
        })!;
        lock (messages)
        {
            messages.Add(new ChatMessageContent(AuthorRole.User, question));
            messages.Add(new ChatMessageContent(AuthorRole.Assistant, answer));
            // Keep storage bounded too; the reducer decides what the model sees.
            var excess = messages.Count - (2 * Math.Max(2, options.Value.HistoryMessages));
            if (excess > 0)
            {
                messages.RemoveRange(0, excess);
            }
        }
    }

    private static string Key(string conversationKey) => $"llm-history:{conversationKey}";
}
