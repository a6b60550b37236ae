using System.ComponentModel;
using DtsAssistant.Knowledge;
using DtsAssistant.Knowledge.Answering;
using DtsAssistant.Knowledge.Facts;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Knowledge.Understanding;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration.Plugins;

/// <summary>
/// Structured facts of the plan: its tasks and indicators as table rows (who leads, who takes part, by when) and the
/// reporting deadlines it sets. Every role may read the plan. Each fact carries the passage id it comes from, recorded
/// in the turn, so the model can cite it.
/// </summary>
/// <param name="deadlines">The deployment's deadlines (the schedule file), stated as the deterministic answers state them.</param>
internal sealed class PlanFactsPlugin(IKnowledgeSearch search, KnowledgeIndexHolder knowledge, TimeProvider time, ReportingDeadlines? deadlines = null)
{
    public const string Name = "plan";
    private const int MaxRows = 6;

    [KernelFunction("plan_items")]
    [Description("Tasks and indicators of the plan's appendix tables matching a topic: item, lead unit (chủ trì), partners (phối hợp), deadline.")]
    public string Items(Kernel kernel, [Description("The topic, in Vietnamese, e.g. 'chữ ký số giáo viên'")] string topic)
    {
        // The same fact model and topic linking the deterministic answers use.
        var index = knowledge.Current;
        var linker = new TopicLinker(QuestionReader.Read(topic, index.IsWord), index.Index, index.Analyzer.Glossary);
        var records = index.Facts.Records.Select(r => (Record: r, linker.Match(r.Terms).Score)).Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).Take(MaxRows).ToList();
        if (records.Count == 0)
        {
            // No record holds the topic's words: the records whose rows retrieval ranks highest.
            var bySource = index.Facts.Records.ToDictionary(r => r.Source.Id, StringComparer.Ordinal);
            records = search.Search(topic, MaxRows * 2).Where(p => bySource.ContainsKey(p.ChunkId)).Take(MaxRows)
                .Select(p => (bySource[p.ChunkId], p.Score)).ToList();
        }

        var ids = TurnContext.Of(kernel).Record(records.Select(x => new Passage(x.Record.Source.Id, x.Record.Source.Document.DisplayName, x.Record.Source.Section, x.Record.Source.Authority, x.Record.Source.Text, x.Score)).ToList());
        return ModelData.Serialize(records.Select((x, i) => new
        {
            id = ids[i],
            table = x.Record.Table,
            number = x.Record.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            item = x.Record.Label,
            text = x.Record.Text,
            lead = x.Record.Lead?.Value,
            partners = x.Record.Partners?.Value,
            deadline = x.Record.Deadline?.Value,
        }).ToList());
    }

    [KernelFunction("reporting_deadlines")]
    [Description("The periodic reporting deadlines the plan sets (monthly, quarterly, annual) and the next due date of each from today.")]
    public string Deadlines(Kernel kernel)
    {
        var schedule = knowledge.Current.Facts.Schedule?.Following(deadlines);
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
