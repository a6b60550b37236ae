using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using DtsAssistant.Reporting.Export;

namespace DtsAssistant.Reporting.Export;

internal sealed class ExportService : IExportService
{
    public Task<ExportFile> ExportPeriodAsync(Caller caller, Period period, ExportFormat format, string? communeCode, CancellationToken ct) => throw new NotImplementedException();
}
