using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting.Directory;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// Everything one turn's functions share: who is asking, and every passage the functions handed out. The grounding
/// check accepts only citations of passages recorded here, so a model cannot cite what it was never given.
/// </summary>
internal sealed class TurnContext(Caller caller)
{
    private readonly List<Passage> _retrieved = [];
    private readonly List<string> _results = [];
    private readonly Lock _gate = new();

    private const string DataKey = "dts.turn";

    public Caller Caller { get; } = caller;

    /// <summary>The turn a kernel was built for. Plugin functions take the kernel (SK passes it, the model never sees it).</summary>
    public static TurnContext Of(Kernel kernel) =>
        kernel.Data.TryGetValue(DataKey, out var turn) && turn is TurnContext context
            ? context
            : throw new InvalidOperationException("This kernel was not built for a turn; use AssistantKernelFactory.");

    public Kernel Attach(Kernel kernel)
    {
        kernel.Data[DataKey] = this;
        return kernel;
    }

    /// <summary>The first refusal a function gave in this turn, in the function's own words.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Notes that a function refused this caller; returns the message for the function result.</summary>
    public string Refuse(string message)
    {
        lock (_gate)
        {
            Refusal ??= message;
        }

        return message;
    }

    /// <summary>Records passages and returns the short ids ("P1", "P2", ...) the model cites them by.</summary>
    public IReadOnlyList<string> Record(IReadOnlyList<Passage> passages)
    {
        lock (_gate)
        {
            var ids = new List<string>(passages.Count);
            foreach (var passage in passages)
            {
                var index = _retrieved.FindIndex(p => p.ChunkId == passage.ChunkId);
                if (index < 0)
                {
                    _retrieved.Add(passage);
                    index = _retrieved.Count - 1;
                }

                ids.Add(PassageId(index));
            }

            return ids;
        }
    }

    /// <summary>Keeps a function's result as returned, so the answer's figures can be checked against it.</summary>
    public void RecordResult(string result)
    {
        lock (_gate)
        {
            _results.Add(result);
        }
    }

    /// <summary>Everything the functions handed out in this turn: passages and raw results.</summary>
    public IReadOnlyList<string> Evidence()
    {
        lock (_gate)
        {
            return [.. _retrieved.Select(p => p.Text), .. _results];
        }
    }

    public Passage? Find(string passageId)
    {
        lock (_gate)
        {
            return passageId.Length > 1 && passageId[0] == 'P' && int.TryParse(passageId.AsSpan(1), out var n) && n >= 1 && n <= _retrieved.Count
                ? _retrieved[n - 1]
                : null;
        }
    }

    public int RetrievedCount
    {
        get
        {
            lock (_gate)
            {
                return _retrieved.Count;
            }
        }
    }

    private static string PassageId(int index) => $"P{index + 1}";
}
