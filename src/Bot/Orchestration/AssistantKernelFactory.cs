using DtsAssistant.Bot.Orchestration.Plugins;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// Builds one Kernel per turn. Its plugins are bound to the turn (caller, retrieved passages), so the functions check
/// the caller's role themselves; both planners call these same function objects.
/// </summary>
internal sealed class AssistantKernelFactory(IServiceProvider services)
{
    /// <summary>The kernel with every capability, for the deterministic planner.</summary>
    public Kernel Create(TurnContext turn) => Build(turn, forModel: false, allowReportData: true);

    /// <summary>
    /// The kernel the model plans over: the composed extractive answer is the fallback, not a tool; report functions
    /// are present only when report data may leave the machine (Llm:AllowReportData).
    /// </summary>
    public Kernel CreateForModel(TurnContext turn, bool allowReportData) => Build(turn, forModel: true, allowReportData);

    private Kernel Build(TurnContext turn, bool forModel, bool allowReportData)
    {
        var search = services.GetRequiredService<IKnowledgeSearch>();
        var time = services.GetRequiredService<TimeProvider>();
        var builder = Kernel.CreateBuilder();

        var knowledge = KernelPluginFactory.CreateFromObject(new KnowledgePlugin(turn, search, services.GetRequiredService<IKnowledgeAnswerer>()), KnowledgePlugin.Name);
        builder.Plugins.Add(forModel ? KernelPluginFactory.CreateFromFunctions(KnowledgePlugin.Name, [knowledge[KnowledgePlugin.SearchFunction]]) : knowledge);

        if (services.GetService<KnowledgeIndexHolder>() is { } holder)
        {
            builder.Plugins.AddFromObject(new PlanFactsPlugin(turn, search, holder, time), PlanFactsPlugin.Name);
        }

        if (allowReportData && services.GetService<IStatusService>() is { } status)
        {
            builder.Plugins.AddFromObject(new ReportingPlugin(turn, status, time), ReportingPlugin.Name);
        }

        if (allowReportData && services.GetService<IFilingService>() is { } filing)
        {
            builder.Plugins.AddFromObject(new FilingPlugin(turn, filing), FilingPlugin.Name);
        }

        return builder.Build();
    }
}
