using DtsAssistant.Bot.Conversation.Common;
using System.ComponentModel;
using DtsAssistant.Knowledge.Retrieval;
using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration.Plugins;

/// <summary>
/// Report status, scoped to the caller. The functions refuse by themselves anyone without a reporting role (the
/// reporting services check the scope again); a refusal is a normal result the model must relay, never an error it
/// could retry around. Offered to a model only when Llm:AllowReportData is true.
/// </summary>
internal sealed class ReportingPlugin(IStatusService status, TimeProvider time)
{
    public const string Name = "reporting";
    private const int MaxListed = 25;

    internal const string Refusal =
        "Bạn chưa có quyền xem số liệu báo cáo. Số liệu chỉ dành cho đầu mối CĐS của đơn vị, cán bộ xã/phường và cán bộ Sở đã đăng ký bằng mã mời (/dangky <mã>).";

    [KernelFunction("report_status")]
    [Description("How many units have filed the report for a period (completeness, on time, late), within what the person may see.")]
    public async Task<string> StatusAsync(
        Kernel kernel,
        [Description("Period key: '2025-11' (month), '2025-Q4' (quarter), '2025' (year); empty for the current month")] string? period = null,
        [Description("Optional commune code to narrow the scope")] string? communeCode = null,
        CancellationToken cancellationToken = default) =>
        await GuardedAsync(TurnContext.Of(kernel), async turn =>
        {
            var result = await status.StatusAsync(turn.Caller, PeriodOrCurrent(period), Blank(communeCode), cancellationToken);
            var o = result.Overall;
            return new
            {
                id = Cite(turn, "status", result.Period, result.ScopeLabel, $"Đã nộp {o.Submitted}/{o.Expected} đơn vị ({o.CompletenessPercent}%), đúng hạn {o.OnTime}, trễ hạn {o.Late}, chưa nộp {o.Missing}."),
                period = result.Period.Label,
                scope = result.ScopeLabel,
                sampleData = result.IncludesSampleData,
                overall = Row(result.Overall),
                byCommune = result.ByCommune.Take(MaxListed).Select(Row),
                byKind = result.ByKind.Select(Row),
            };
        });

    [KernelFunction("units_not_submitted")]
    [Description("The units within the person's scope that have not submitted the report for a period.")]
    public async Task<string> MissingAsync(
        Kernel kernel,
        [Description("Period key, e.g. '2025-11'; empty for the current month")] string? period = null,
        [Description("Optional commune code to narrow the scope")] string? communeCode = null,
        CancellationToken cancellationToken = default) =>
        await GuardedAsync(TurnContext.Of(kernel), async turn =>
        {
            var asked = PeriodOrCurrent(period);
            var missing = await status.MissingAsync(turn.Caller, asked, Blank(communeCode), cancellationToken);
            return new
            {
                id = Cite(turn, "missing", asked, Blank(communeCode) ?? "phạm vi của bạn", $"{missing.Count} đơn vị chưa nộp: {string.Join(", ", missing.Take(5).Select(m => m.Unit.Name))}{(missing.Count > 5 ? ", …" : string.Empty)}"),
                count = missing.Count,
                units = missing.Take(MaxListed).Select(m => new { name = m.Unit.Name, commune = m.Unit.Commune?.Name, started = m.HasDraft }),
                more = Math.Max(0, missing.Count - MaxListed),
            };
        });

    [KernelFunction("indicator_figures")]
    [Description("The plan's indicators (Phụ lục 1) computed from submitted reports within the person's scope, against their targets.")]
    public async Task<string> IndicatorsAsync(
        Kernel kernel,
        [Description("Period key, e.g. '2025-11'; empty for the current month")] string? period = null,
        [Description("Optional commune code to narrow the scope")] string? communeCode = null,
        CancellationToken cancellationToken = default) =>
        await GuardedAsync(TurnContext.Of(kernel), async turn =>
        {
            var report = await status.IndicatorsAsync(turn.Caller, PeriodOrCurrent(period), Blank(communeCode), cancellationToken);
            return new
            {
                id = Cite(turn, "indicators", report.Period, report.ScopeLabel, $"{report.UnitsReporting} đơn vị có báo cáo; " + string.Join("; ", report.Figures.Where(f => f.Percent is not null).Select(f => $"{f.Definition.Name}: {f.Percent}%"))),
                period = report.Period.Label,
                scope = report.ScopeLabel,
                sampleData = report.IncludesSampleData,
                unitsReporting = report.UnitsReporting,
                figures = report.Figures.Select(f => new { indicator = f.Definition.Name, planRef = f.Definition.PlanRef, percent = f.Percent, targetPercent = f.Definition.TargetPercent, meetsTarget = f.MeetsTarget }),
            };
        });

    /// <summary>Who may see any report figure at all; the services narrow it to the caller's unit or commune.</summary>
    internal static bool MaySeeReports(Caller caller) =>
        caller.SeesProvince || caller.Has(Role.CommuneOfficer) || caller.Has(Role.FocalPoint);

    /// <summary>Records the figures as a citable source, so an answer built on them passes the grounding check.</summary>
    private static string Cite(TurnContext turn, string kind, Period period, string scope, string summary) =>
        turn.Record([new Passage($"report:{kind}:{period.Key}:{scope}", ReportSource, $"{period.Label}, {scope}", Authority.Verbatim, summary, 1)])[0];

    internal const string ReportSource = "Số liệu báo cáo CĐS trên hệ thống";

    private static async Task<string> GuardedAsync(TurnContext turn, Func<TurnContext, Task<object>> query)
    {
        if (!MaySeeReports(turn.Caller))
        {
            return ModelData.Serialize(new { refused = true, message = turn.Refuse(Refusal) });
        }

        try
        {
            return ModelData.Serialize(await query(turn));
        }
        catch (ReportingAccessDeniedException denied)
        {
            return ModelData.Serialize(new { refused = true, message = turn.Refuse(CommonTexts.Denied(denied)) });
        }
    }

    private Period PeriodOrCurrent(string? key) =>
        Period.TryParse(key, out var period) ? period : Period.Containing(PeriodKind.Monthly, VietnamTime.Today(time));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static object Row(CompletenessRow row) => new
    {
        label = row.Label,
        expected = row.Expected,
        submitted = row.Submitted,
        onTime = row.OnTime,
        late = row.Late,
        missing = row.Missing,
        completenessPercent = row.CompletenessPercent,
    };
}
