using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Filing;

/// <summary>
/// The reads the filing commands share: a report as a <see cref="DraftSession"/>, its validation against the form and
/// last period, its last receipt, and the report locked for the rest of a write transaction.
/// </summary>
internal sealed class DraftReader(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule, TimeProvider clock)
{
    /// <summary>
    /// The report with its unit and commune, with its writers serialised for the rest of the write transaction. SQLite
    /// already does that (this process's write gate, then one writer at a time); on PostgreSQL a row lock makes
    /// concurrent writers queue instead of failing their revision check.
    /// </summary>
    public async Task<Report?> LockedReportAsync(ReportingDbContext db, long reportId, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await db.ExecuteAsync("SELECT 1 FROM reports WHERE \"Id\" = @id FOR UPDATE", ct, ("id", reportId));
        }

        return await FilingQueries.For(db).ReportWithUnitAsync(db, reportId, ct);
    }

    public FormDefinition FormOf(Report report) =>
        forms.Find(report.FormId, report.FormVersion)
        ?? throw new InvalidOperationException($"Form {report.FormId} v{report.FormVersion} of report {report.Id} is not in the catalog.");

    public static AnswerValue ValueOf(FormDefinition form, Answer answer) =>
        AnswerValue.FromStorage(form.Question(answer.QuestionKey)?.Type ?? QuestionType.Text, answer.Value);

    /// <summary>Who changed an answer, as another person of the unit may read it: a name, never a chat id.</summary>
    public const string AnotherFocalPoint = "đầu mối khác của đơn vị";

    /// <param name="names">Display names of the people who changed the answers (by person id).</param>
    public static AnswerChange Change(FormDefinition form, Answer a, IReadOnlyDictionary<long, string> names)
    {
        var question = form.Question(a.QuestionKey);
        var by = a.UpdatedByPersonId is { } person && names.TryGetValue(person, out var name) && name is { Length: > 0 } and not Caller.Unnamed
            ? name
            : AnotherFocalPoint;
        return new(a.QuestionKey, question?.Text ?? a.QuestionKey, question is null ? a.Value : ValueOf(form, a).Display(question), by, a.UpdatedAt);
    }

    /// <summary>Errors and warnings of the working version as stored.</summary>
    public async Task<ValidationResult> ValidateAsync(ReportingDbContext db, Report report, UnitInfo unit, CancellationToken ct)
    {
        var form = FormOf(report);
        var answers = await FilingQueries.For(db).AnswersAsync(db, report.Id, report.WorkingVersion, ct);
        var values = answers.ToDictionary(a => a.QuestionKey, a => ValueOf(form, a), StringComparer.Ordinal);
        var previous = await PreviousSubmittedAsync(db, report, form, ct);
        return Validation(FormValidator.CheckReport(form, form.QuestionsFor(unit.Profile), values, previous));
    }

    /// <summary>Errors and warnings of a held draft, without reading the database.</summary>
    public static ValidationResult Validate(DraftSession draft)
    {
        var values = draft.Answers.ToDictionary(a => a.Key, a => a.Value.Value, StringComparer.Ordinal);
        return Validation(FormValidator.CheckReport(draft.Form, draft.Questions, values, draft.Previous));
    }

    /// <param name="created">The report was created in this unit of work: it has no answers or receipts to read.</param>
    public async Task<DraftSession> SessionAsync(ReportingDbContext db, Report report, UnitInfo unit, CancellationToken ct, bool created = false)
    {
        var form = FormOf(report);
        var period = Period.Parse(report.PeriodKey);
        var answers = created ? [] : await FilingQueries.For(db).AnswersAsync(db, report.Id, report.WorkingVersion, ct);
        var stored = answers.ToDictionary(
            a => a.QuestionKey,
            a => new StoredAnswer(a.QuestionKey, ValueOf(form, a), a.UpdatedAt, a.UpdatedBy, a.Revision),
            StringComparer.Ordinal);
        var previous = await PreviousSubmittedAsync(db, report, form, ct);
        var carried = form.Questions.Where(q => q.CarryOver && previous.ContainsKey(q.Key))
            .ToDictionary(q => q.Key, q => previous[q.Key], StringComparer.Ordinal);
        var receipt = created ? null : await LastReceiptAsync(db, report, unit, ct);
        return new DraftSession(report.Id, unit, period, schedule.WindowOf(period), form, report.Status, report.WorkingVersion, report.Revision,
            form.QuestionsFor(unit.Profile), stored, carried, schedule.TimelinessOf(period, clock.GetUtcNow()), receipt)
        {
            Previous = previous,
        };
    }

    public static async Task<Receipt?> LastReceiptAsync(ReportingDbContext db, Report report, UnitInfo unit, CancellationToken ct)
    {
        var last = await FilingQueries.For(db).LastSubmissionAsync(db, report.Id, ct);
        return last is null
            ? null
            : new Receipt(last.ReferenceNumber, report.Id, unit.Code, unit.Name, Period.Parse(report.PeriodKey), last.Version, last.SubmittedAt,
                report.Timeliness ?? last.Timeliness);
    }

    private static ValidationResult Validation(IReadOnlyList<AnswerProblem> problems) =>
        new(problems.Where(p => p.Severity == ProblemSeverity.Error).ToList(), problems.Where(p => p.Severity == ProblemSeverity.Warning).ToList());

    /// <summary>The unit's latest submitted values from an earlier period of the same kind (read with this report's form).</summary>
    private static async Task<Dictionary<string, AnswerValue>> PreviousSubmittedAsync(ReportingDbContext db, Report report, FormDefinition form, CancellationToken ct)
    {
        var previous = await FilingQueries.For(db).PreviousSubmittedAsync(db, report.UnitId, report.PeriodKind, report.PeriodKey, ct);
        if (previous is null)
        {
            return [];
        }

        var answers = await FilingQueries.For(db).AnswersAsync(db, previous.Id, previous.SubmittedVersion, ct);
        return answers
            .Where(a => form.Question(a.QuestionKey) is not null)
            .ToDictionary(a => a.QuestionKey, a => ValueOf(form, a), StringComparer.Ordinal);
    }
}
