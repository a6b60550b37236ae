using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Export;

public enum ExportFormat
{
    Xlsx,
    Csv,
}

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// A period as a table: one row per unit in the caller's scope, status columns, then one column per question of the
/// form (submitted values only). Scope is enforced as in <see cref="Status.IStatusService"/>.
/// </summary>
public interface IExportService
{
    Task<ExportFile> ExportPeriodAsync(Caller caller, Period period, ExportFormat format, string? communeCode = null, CancellationToken ct = default);
}
