using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Filing;

/// <summary>A stored answer with who and when.</summary>
/// <param name="Revision">The report revision at which the answer last changed.</param>
public sealed record StoredAnswer(string QuestionKey, AnswerValue Value, DateTimeOffset UpdatedAt, string UpdatedBy, int Revision);

/// <summary>
/// A report being filled in (or read). Pass <see cref="Revision"/> back with each save: it is the optimistic
/// concurrency check that stops two focal points of one unit from silently overwriting each other.
/// </summary>
/// <param name="Version">The version being edited: 1 for the first filing, n+1 while amending version n.</param>
/// <param name="Questions">The questions that apply to this unit, in form order.</param>
/// <param name="Answers">Answers of the working version, by question key.</param>
/// <param name="CarriedOver">Last period's submitted values of carry-over questions (the defaults to offer).</param>
/// <param name="TimelinessIfSubmittedNow">What a submission at this moment would be marked.</param>
public sealed record DraftSession(
    long ReportId,
    UnitInfo Unit,
    Period Period,
    PeriodWindow Window,
    FormDefinition Form,
    ReportStatus Status,
    int Version,
    int Revision,
    IReadOnlyList<QuestionDefinition> Questions,
    IReadOnlyDictionary<string, StoredAnswer> Answers,
    IReadOnlyDictionary<string, AnswerValue> CarriedOver,
    Timeliness TimelinessIfSubmittedNow,
    Receipt? LastReceipt)
{
    /// <summary>The unit's submitted values of the previous period of this kind (for defaults and big-change warnings).</summary>
    public IReadOnlyDictionary<string, AnswerValue> Previous { get; init; } = new Dictionary<string, AnswerValue>();

    public bool IsSubmitted => Status == ReportStatus.Submitted;

    /// <summary>The first applicable question without an answer, in form order; null when all are answered.</summary>
    public QuestionDefinition? NextUnanswered => Questions.FirstOrDefault(q => !Answers.ContainsKey(q.Key));
}

public enum OpenOutcome
{
    /// <summary>A new draft was created.</summary>
    Created,

    /// <summary>An existing draft (or amendment) was resumed.</summary>
    Resumed,

    /// <summary>The report is already submitted; the session is read-only until amended.</summary>
    AlreadySubmitted,

    NotOpenYet,
    Locked,
    NoForm,
    UnknownUnit,
    Denied,
}

/// <summary>What opening a report did (the conversation layer words it); the session when there is one to show.</summary>
public sealed record OpenResult(OpenOutcome Outcome, DraftSession? Session);

public enum SaveOutcome
{
    Saved,

    /// <summary>The same question was changed by someone else since the caller's revision; nothing saved.</summary>
    Conflict,

    /// <summary>The value breaks a rule of the form; nothing saved.</summary>
    Invalid,

    /// <summary>The report is submitted (amend first) or the period is locked.</summary>
    NotEditable,

    UnknownQuestion,
    NotFound,
    Denied,
}

/// <summary>A change made by someone else since the caller's revision.</summary>
public sealed record AnswerChange(string QuestionKey, string QuestionText, string? NewValue, string ChangedBy, DateTimeOffset ChangedAt);

/// <param name="Revision">The report's revision after the call (pass it with the next save).</param>
/// <param name="ChangedByOthers">Answers changed by others since the caller's revision (also on success).</param>
public sealed record SaveResult(SaveOutcome Outcome, int Revision, IReadOnlyList<AnswerProblem> Problems, IReadOnlyList<AnswerChange> ChangedByOthers);

public sealed record ValidationResult(IReadOnlyList<AnswerProblem> Errors, IReadOnlyList<AnswerProblem> Warnings)
{
    public bool CanSubmit => Errors.Count == 0;
}

/// <summary>The receipt of a submitted version.</summary>
/// <param name="Timeliness">The report's timeliness, decided by its first submission.</param>
public sealed record Receipt(string ReferenceNumber, long ReportId, string UnitCode, string UnitName, Period Period, int Version,
    DateTimeOffset SubmittedAt, Timeliness Timeliness);

public enum SubmitOutcome
{
    Submitted,
    Invalid,
    Conflict,
    AlreadySubmitted,
    Locked,
    NotFound,
    Denied,
}

public sealed record SubmitResult(SubmitOutcome Outcome, Receipt? Receipt, ValidationResult? Validation);

public enum AmendOutcome
{
    Reopened,

    /// <summary>The report is already a draft; nothing to reopen.</summary>
    AlreadyDraft,

    Locked,
    NotFound,
    Denied,
}

public sealed record AmendResult(AmendOutcome Outcome, DraftSession? Session);

public sealed record ReportSummary(long ReportId, Period Period, ReportStatus Status, int SubmittedVersion, Timeliness? Timeliness,
    DateTimeOffset? LastSubmittedAt, string? ReferenceNumber);

/// <summary>
/// Filing one unit's report for one period. Every method is a short unit of work of its own; saves are immediate.
/// </summary>
public interface IFilingService
{
    /// <summary>Opens the unit's report for the period, creating a draft under the current form version if none exists.</summary>
    Task<OpenResult> OpenAsync(Caller caller, string unitCode, Period period, CancellationToken ct = default);

    /// <summary>Reads a report the caller may see; null when it does not exist or is out of scope.</summary>
    Task<DraftSession?> GetAsync(Caller caller, long reportId, CancellationToken ct = default);

    /// <summary>
    /// Saves one answer (null clears it) in its own transaction. <paramref name="expectedRevision"/> is the revision the
    /// caller last saw: if someone else changed the same question since, the result is a conflict telling what changed.
    /// </summary>
    Task<SaveResult> SaveAnswerAsync(Caller caller, long reportId, string questionKey, AnswerValue? value, int expectedRevision,
        CancellationToken ct = default);

    /// <summary>
    /// Saves one answer to a draft the caller already holds (from <see cref="OpenAsync"/>, <see cref="GetAsync"/> or kept
    /// up to date after its own saves). When the report is still at <see cref="DraftSession.Revision"/>, one conditional
    /// update of the revision decides and nothing is re-read; otherwise this is
    /// <see cref="SaveAnswerAsync(Caller, long, string, AnswerValue?, int, CancellationToken)"/> with the draft's revision,
    /// which tells what others changed.
    /// </summary>
    Task<SaveResult> SaveAnswerAsync(Caller caller, DraftSession draft, string questionKey, AnswerValue? value, CancellationToken ct = default);

    /// <summary>Checks the whole working version: required answers, rules, and warnings for big changes against last period.</summary>
    Task<ValidationResult> ValidateAsync(Caller caller, long reportId, CancellationToken ct = default);

    /// <summary>Checks a held draft as <see cref="ValidateAsync"/> does, without reading the database.</summary>
    ValidationResult Validate(DraftSession draft);

    /// <summary>
    /// Submits a held draft: when the report is still at <see cref="DraftSession.Revision"/>, the draft is validated in
    /// memory and one conditional update decides; otherwise this is <see cref="SubmitAsync(Caller, long, int, CancellationToken)"/>.
    /// </summary>
    Task<SubmitResult> SubmitAsync(Caller caller, DraftSession draft, CancellationToken ct = default);

    /// <summary>Submits the working version if it has no errors (warnings do not block) and returns the receipt.</summary>
    Task<SubmitResult> SubmitAsync(Caller caller, long reportId, int expectedRevision, CancellationToken ct = default);

    /// <summary>Reopens a submitted report as a new version (before the period locks); audited.</summary>
    Task<AmendResult> AmendAsync(Caller caller, long reportId, CancellationToken ct = default);

    /// <summary>The unit's reports, newest period first.</summary>
    Task<IReadOnlyList<ReportSummary>> HistoryAsync(Caller caller, string unitCode, int limit = 12, CancellationToken ct = default);
}
