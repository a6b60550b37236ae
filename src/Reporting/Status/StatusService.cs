using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using DtsAssistant.Reporting.Export;

namespace DtsAssistant.Reporting.Status;

internal sealed class StatusService : IStatusService
{
    public Task<PeriodStatus> StatusAsync(Caller caller, Period period, string? communeCode, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<MissingUnit>> MissingAsync(Caller caller, Period period, string? communeCode, CancellationToken ct) => throw new NotImplementedException();

    public Task<IndicatorReport> IndicatorsAsync(Caller caller, Period period, string? communeCode, CancellationToken ct) => throw new NotImplementedException();
}
