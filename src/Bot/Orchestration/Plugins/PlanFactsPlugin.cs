using System.ComponentModel;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Chunking;
using DtsAssistant.Knowledge.Retrieval;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration.Plugins;

/// <summary>
/// Structured facts of the plan: its tasks and indicators as table rows (who leads, who takes part, by when) and the
/// reporting deadlines it sets. Every role may read the plan. Each fact carries the passage id it comes from, recorded
/// in the turn, so the model can cite it.
/// </summary>
internal sealed class PlanFactsPlugin(IKnowledgeSearch search, KnowledgeIndexHolder knowledge, TimeProvider time)
{
    public const string Name = "plan";
    private const int Candidates = 12;
    private const int MaxRows = 6;

    [KernelFunction("plan_items")]
    [Description("Tasks and indicators of the plan's appendix tables matching a topic: item, lead unit (chủ trì), partners (phối hợp), deadline.")]
    public string Items(Kernel kernel, [Description("The topic, in Vietnamese, e.g. 'chữ ký số giáo viên'")] string topic)
    {
        var chunks = knowledge.Current.Chunks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var rows = search.Search(topic, Candidates)
            .Where(p => chunks.TryGetValue(p.ChunkId, out var chunk) && chunk.Row is not null)
            .Take(MaxRows)
            .ToList();
        var ids = TurnContext.Of(kernel).Record(rows);
        return ModelData.Serialize(rows.Select((p, i) =>
        {
            var row = chunks[p.ChunkId].Row!;
            return new
            {
                id = ids[i],
                table = row.Table,
                number = row.Number,
                item = row.ItemLabel,
                lead = row.Cell(ColumnRole.Lead)?.Value,
                partners = row.Cell(ColumnRole.Partners)?.Value,
                deadline = row.Cell(ColumnRole.Deadline)?.Value,
            };
        }).ToList());
    }

    [KernelFunction("reporting_deadlines")]
    [Description("The periodic reporting deadlines the plan sets (monthly, quarterly, annual) and the next due date of each from today.")]
    public string Deadlines(Kernel kernel)
    {
        var schedule = knowledge.Current.Schedule;
        if (schedule is null)
        {
            return ModelData.Serialize(new { found = false });
        }

        var source = schedule.Source;
        var id = TurnContext.Of(kernel).Record([new Passage(source.Id, source.Document.DisplayName, source.Section, source.Authority, source.Text, 1)])[0];
        var today = VietnamTime.Today(time);
        return ModelData.Serialize(new
        {
            id,
            today = today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            next = Enum.GetValues<ReportPeriod>().Select(p => schedule.Next(p, today)).OfType<ReportDue>().Select(d => new
            {
                period = d.Period.ToString(),
                lastDay = d.LastDay.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                daysLeft = d.DaysLeft(today),
            }),
        });
    }
}
