using System.ComponentModel;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration.Plugins;

/// <summary>
/// Knowledge-base capabilities. Every role may read the plan (staff need no registration, domain.md), so these
/// functions check no role; what they must do is record every passage they hand out, for the grounding check.
/// </summary>
internal sealed class KnowledgePlugin(IKnowledgeSearch search, IKnowledgeAnswerer answerer)
{
    public const string Name = "knowledge";
    public const string SearchFunction = "search_knowledge";
    public const string AnswerFunction = "answer_question";
    private const int MaxPassages = 6;

    [KernelFunction(SearchFunction)]
    [Description("Searches the knowledge base (Kế hoạch 27/KH-SGDĐT and the guidelines it relies on). Returns passages; cite each one you use by its id in square brackets, e.g. [P1].")]
    public string Search(
        Kernel kernel,
        [Description("What to look for, in Vietnamese, e.g. 'hạn nộp báo cáo tháng'")] string query)
    {
        var passages = search.Search(query, MaxPassages);
        var ids = TurnContext.Of(kernel).Record(passages);
        return ModelData.Serialize(passages.Select((p, i) => new PassageForModel(ids[i], p.Document, p.Section, AuthorityLabel(p.Authority), p.Text)).ToList());
    }

    /// <summary>The deterministic, extractive answer: what the knowledge composer says, citations included.</summary>
    [KernelFunction(AnswerFunction)]
    [Description("Answers a question from the knowledge base without a language model: an extractive answer with citations.")]
    public KnowledgeAnswer Answer([Description("The question as the person asked it")] string question) => answerer.Ask(question);

    private static string AuthorityLabel(Authority authority) => authority switch
    {
        Authority.Verbatim => "nguyên văn",
        Authority.Excerpt => "trích",
        _ => "tóm tắt",
    };
}

/// <summary>A passage as the model sees it: data inside a function result, never part of its instructions.</summary>
internal sealed record PassageForModel(string Id, string Document, string Section, string Authority, string Text);
