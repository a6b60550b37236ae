using DtsAssistant.Bot.Orchestration.Plugins;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// Builds one Kernel per turn. Its plugins are bound to the turn (caller, retrieved passages), so the functions can
/// check the caller's role themselves; both planners call these same function objects.
/// </summary>
internal sealed class AssistantKernelFactory(IServiceProvider services)
{
    /// <summary>The kernel with every capability, for the deterministic planner.</summary>
    public Kernel Create(TurnContext turn) => Build(turn, forModel: false, allowReportData: true);

    /// <summary>
    /// The kernel the model plans over: search functions only (the composed extractive answer is the fallback, not a
    /// tool), and reporting functions only when report data may leave the machine.
    /// </summary>
    public Kernel CreateForModel(TurnContext turn, bool allowReportData) => Build(turn, forModel: true, allowReportData);

    private Kernel Build(TurnContext turn, bool forModel, bool allowReportData)
    {
        var builder = Kernel.CreateBuilder();
        var knowledge = new KnowledgePlugin(turn, services.GetRequiredService<IKnowledgeSearch>(), services.GetRequiredService<IKnowledgeAnswerer>());
        var knowledgePlugin = KernelPluginFactory.CreateFromObject(knowledge, KnowledgePlugin.Name);
        builder.Plugins.Add(forModel
            ? KernelPluginFactory.CreateFromFunctions(KnowledgePlugin.Name, [knowledgePlugin[KnowledgePlugin.SearchFunction]])
            : knowledgePlugin);
        _ = allowReportData;
        return builder.Build();
    }
}
