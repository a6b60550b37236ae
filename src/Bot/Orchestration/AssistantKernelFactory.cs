using DtsAssistant.Bot.Orchestration.Plugins;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration;

/// <summary>
/// Builds one Kernel per turn, carrying the turn (caller, retrieved passages) in its data, so the functions check the
/// caller's role themselves and record what they hand out. Both planners call these same function objects. The plugins
/// are described once (reflection over the plugin classes is the costly part) and shared by every turn's kernel.
/// </summary>
internal sealed class AssistantKernelFactory(IServiceProvider services)
{
    private readonly Lazy<IReadOnlyList<KernelPlugin>> _all = new(() => Plugins(services, forModel: false, allowReportData: true));
    private readonly Lazy<IReadOnlyList<KernelPlugin>> _model = new(() => Plugins(services, forModel: true, allowReportData: false));
    private readonly Lazy<IReadOnlyList<KernelPlugin>> _modelWithReports = new(() => Plugins(services, forModel: true, allowReportData: true));

    /// <summary>The kernel with every capability, for the deterministic planner.</summary>
    public Kernel Create(TurnContext turn) => Build(turn, _all.Value);

    /// <summary>
    /// The kernel the model plans over: the composed extractive answer is the fallback, not a tool; report functions
    /// are present only when report data may leave the machine (Llm:AllowReportData).
    /// </summary>
    public Kernel CreateForModel(TurnContext turn, bool allowReportData) => Build(turn, allowReportData ? _modelWithReports.Value : _model.Value);

    private static Kernel Build(TurnContext turn, IReadOnlyList<KernelPlugin> plugins)
    {
        var kernel = new Kernel(plugins: new KernelPluginCollection(plugins));
        kernel.FunctionInvocationFilters.Add(ResultRecorder.Instance);
        return turn.Attach(kernel);
    }

    /// <summary>Records every function result in the turn: the evidence the grounding check compares figures with.</summary>
    private sealed class ResultRecorder : IFunctionInvocationFilter
    {
        public static readonly ResultRecorder Instance = new();

        public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
        {
            await next(context);
            if (context.Result.GetValue<object>() is { } value)
            {
                TurnContext.Of(context.Kernel).RecordResult(value as string ?? ModelData.Serialize(value));
            }
        }
    }

    private static List<KernelPlugin> Plugins(IServiceProvider services, bool forModel, bool allowReportData)
    {
        var search = services.GetRequiredService<IKnowledgeSearch>();
        var time = services.GetRequiredService<TimeProvider>();
        var knowledge = KernelPluginFactory.CreateFromObject(new KnowledgePlugin(search, services.GetRequiredService<IKnowledgeAnswerer>()), KnowledgePlugin.Name);
        var plugins = new List<KernelPlugin>
        {
            forModel ? KernelPluginFactory.CreateFromFunctions(KnowledgePlugin.Name, [knowledge[KnowledgePlugin.SearchFunction]]) : knowledge,
        };

        if (services.GetService<KnowledgeIndexHolder>() is { } holder)
        {
            plugins.Add(KernelPluginFactory.CreateFromObject(new PlanFactsPlugin(search, holder, time, services.GetService<ReportingDeadlines>()), PlanFactsPlugin.Name));
        }

        if (allowReportData && services.GetService<IStatusService>() is { } status)
        {
            plugins.Add(KernelPluginFactory.CreateFromObject(new ReportingPlugin(status, time), ReportingPlugin.Name));
        }

        if (allowReportData && services.GetService<IFilingService>() is { } filing)
        {
            plugins.Add(KernelPluginFactory.CreateFromObject(new FilingPlugin(filing), FilingPlugin.Name));
        }

        return plugins;
    }
}
