using DtsAssistant.Bot.Conversation.Common;
using System.ComponentModel;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Filing;
using Microsoft.SemanticKernel;

namespace DtsAssistant.Bot.Orchestration.Plugins;

/// <summary>
/// Filing capabilities a planner may use. Filing itself is a step-by-step dialogue owned by the conversation engine
/// (state, buttons, confirmations), so the model can only point the person to it and read the unit's own history;
/// only the unit's focal point (or an admin) passes the role check.
/// </summary>
internal sealed class FilingPlugin(IFilingService filing)
{
    public const string Name = "filing";

    internal const string NotFocalPoint =
        "Chỉ đầu mối CĐS của đơn vị (đã đăng ký bằng mã mời) mới nộp và xem lịch sử báo cáo của đơn vị.";

    [KernelFunction("how_to_file")]
    [Description("How this person files the unit's monthly report in this chat, or why they cannot.")]
    public string HowToFile(Kernel kernel)
    {
        var caller = TurnContext.Of(kernel).Caller;
        return ModelData.Serialize(caller.FilingUnits.Count > 0 || caller.IsAdmin
            ? new { allowed = true, message = "Gõ /baocao để bắt đầu nộp báo cáo; tôi sẽ hỏi từng câu, bạn xem lại rồi bấm Gửi." }
            : new { allowed = false, message = NotFocalPoint });
    }

    [KernelFunction("report_history")]
    [Description("The reports the person's unit has filed: period, status, version, on time or late.")]
    public async Task<string> HistoryAsync(
        Kernel kernel,
        [Description("Unit code; empty for the person's own unit")] string? unitCode = null,
        CancellationToken cancellationToken = default)
    {
        var turn = TurnContext.Of(kernel);
        var caller = turn.Caller;
        var unit = string.IsNullOrWhiteSpace(unitCode) ? caller.FilingUnits.FirstOrDefault()?.Code : unitCode.Trim();
        if (unit is null || !(caller.IsAdmin || caller.FilingUnits.Any(u => u.Code == unit)))
        {
            return ModelData.Serialize(new { refused = true, message = turn.Refuse(NotFocalPoint) });
        }

        try
        {
            var history = await filing.HistoryAsync(caller, unit, ct: cancellationToken);
            return ModelData.Serialize(history.Select(r => new
            {
                period = r.Period.Label,
                status = r.Status.ToString(),
                version = r.SubmittedVersion,
                timeliness = r.Timeliness?.ToString(),
                reference = r.ReferenceNumber,
            }).ToList());
        }
        catch (ReportingAccessDeniedException denied)
        {
            return ModelData.Serialize(new { refused = true, message = turn.Refuse(CommonTexts.Denied(denied)) });
        }
    }
}
