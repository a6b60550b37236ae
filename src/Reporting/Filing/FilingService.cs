using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Filing;
using DtsAssistant.Reporting.Status;
using DtsAssistant.Reporting.Export;

namespace DtsAssistant.Reporting.Filing;

internal sealed class FilingService : IFilingService
{
    public Task<OpenResult> OpenAsync(Caller caller, string unitCode, Period period, CancellationToken ct) => throw new NotImplementedException();

    public Task<DraftSession?> GetAsync(Caller caller, long reportId, CancellationToken ct) => throw new NotImplementedException();

    public Task<SaveResult> SaveAnswerAsync(Caller caller, long reportId, string questionKey, AnswerValue? value, int expectedRevision, CancellationToken ct) => throw new NotImplementedException();

    public Task<ValidationResult> ValidateAsync(Caller caller, long reportId, CancellationToken ct) => throw new NotImplementedException();

    public Task<SubmitResult> SubmitAsync(Caller caller, long reportId, int expectedRevision, CancellationToken ct) => throw new NotImplementedException();

    public Task<AmendResult> AmendAsync(Caller caller, long reportId, CancellationToken ct) => throw new NotImplementedException();

    public Task<IReadOnlyList<ReportSummary>> HistoryAsync(Caller caller, string unitCode, int limit, CancellationToken ct) => throw new NotImplementedException();
}
