using DtsAssistant.Reporting.Data;
using DtsAssistant.Reporting.Directory;
using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using Microsoft.EntityFrameworkCore;

namespace DtsAssistant.Reporting.Filing;

/// <summary>
/// Synthetic submitted reports for the sample directory (benchmarks and demos): for each month, most units file,
/// most of them on time, with plausible figures that drift slowly. Deterministic for a seed. Written in bulk.
/// With <c>notAfter</c>, a unit whose drawn filing time is later than that instant has not filed yet.
/// </summary>
internal static class SampleReports
{
    public static async Task<int> SeedAsync(ReportingDatabase database, IFormCatalog forms, IReportingSchedule schedule,
        IReadOnlyList<Period> periods, int seed = SampleDirectory.DefaultSeed, CancellationToken ct = default, DateTimeOffset? notAfter = null)
    {
        var count = 0;
        await using var db = await database.OpenAsync(ct);
        var units = await db.ActiveUnitsAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        // Plain prepared INSERTs in one transaction per period: EF change tracking of ~800k rows would dominate the run.
        foreach (var period in periods)
        {
            var form = forms.ForPeriod(period) ?? forms.All.First(f => f.PeriodKind == period.Kind);
            var window = schedule.WindowOf(period);
            var random = new Random(StableSeed(seed, period.Key));
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using var insertReport = Command(connection, tx,
                "INSERT INTO reports (\"UnitId\", \"PeriodKind\", \"PeriodKey\", \"FormId\", \"FormVersion\", \"Status\", \"WorkingVersion\", " +
                "\"SubmittedVersion\", \"Revision\", \"Timeliness\", \"CreatedAt\", \"FirstSubmittedAt\", \"LastSubmittedAt\") " +
                "VALUES (@unit, @kind, @key, @form, @formVersion, 'Submitted', 1, 1, 20, @timeliness, @created, @at, @at) RETURNING \"Id\"",
                "unit", "kind", "key", "form", "formVersion", "timeliness", "created", "at");
            await using var insertAnswer = Command(connection, tx,
                "INSERT INTO answers (\"ReportId\", \"Version\", \"QuestionKey\", \"Value\", \"Number\", \"Revision\", \"UpdatedAt\", \"UpdatedBy\") " +
                "VALUES (@report, 1, @question, @value, @number, 1, @at, 'sample')",
                "report", "question", "value", "number", "at");
            await using var insertSubmission = Command(connection, tx,
                "INSERT INTO report_submissions (\"ReportId\", \"Version\", \"ReferenceNumber\", \"SubmittedAt\", \"SubmittedBy\", \"Timeliness\") " +
                "VALUES (@report, 1, @reference, @at, 'sample', @timeliness)",
                "report", "reference", "at", "timeliness");
            foreach (var unit in units)
            {
                var draw = random.NextDouble();
                if (draw > 0.93)
                {
                    continue; // did not file
                }

                // Figures per unit are stable over time (seeded by the unit), with small monthly changes.
                var unitSeed = StableSeed(seed, unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var onTime = draw < 0.80;
                var submittedAt = onTime ? window.DueAt.AddDays(-1 - random.Next(0, 15)).AddHours(random.Next(0, 10))
                    : window.DueAt.AddDays(random.Next(0, 20)).AddHours(random.Next(1, 10));
                if (submittedAt > notAfter)
                {
                    continue; // not filed yet at that instant
                }

                var at = submittedAt.ToUnixTimeMilliseconds();
                var timeliness = schedule.TimelinessOf(period, submittedAt).ToString();
                Set(insertReport, unit.Id, period.Kind.ToString(), period.Key, form.Id, form.Version, timeliness, at - 7_200_000, at);
                var reportId = Convert.ToInt64(await insertReport.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                foreach (var question in form.QuestionsFor(unit.Profile))
                {
                    if (Value(question, unitSeed, random) is { } value)
                    {
                        Set(insertAnswer, reportId, question.Key, value.Storage, value.Number is { } n ? (double)n : null, at);
                        await insertAnswer.ExecuteNonQueryAsync(ct);
                    }
                }

                Set(insertSubmission, reportId, $"BC-{period.Key}-{unit.Code}-1", at, timeliness);
                await insertSubmission.ExecuteNonQueryAsync(ct);
                count++;
            }

            await tx.CommitAsync(ct);
        }

        return count;
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(System.Data.Common.DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static AnswerValue? Value(QuestionDefinition question, int unitSeed, Random month)
    {
        // The unit's base figures come from a generator seeded by the unit alone: the same for every question and every
        // month, so counts always stay within their totals.
        var unit = new Random(unitSeed);
        var staff = unit.Next(15, 120);
        var teachers = Math.Max(1, staff * 3 / 4);
        var students = unit.Next(150, 1500);
        var digitalShare = 0.55 + unit.NextDouble() * 0.4;
        var signatureShare = 0.2 + unit.NextDouble() * 0.6;
        return question.Key switch
        {
            "cb_tong" => new IntegerAnswer(staff),
            "cb_ky_nang_so" => new IntegerAnswer((long)(staff * digitalShare)),
            "hs_tong" => new IntegerAnswer(students),
            "hs_ky_nang_so" => new IntegerAnswer((long)(students * Math.Min(1, digitalShare + 0.1))),
            "gv_tong" => new IntegerAnswer(teachers),
            "gv_chu_ky_so" => new IntegerAnswer((long)(teachers * signatureShare)),
            "kho_khan" => month.NextDouble() < 0.2 ? new TextAnswer("Thiếu thiết bị, đường truyền chưa ổn định.") : null,
            _ => question.Type switch
            {
                QuestionType.YesNo => new YesNoAnswer(month.NextDouble() < 0.8),
                QuestionType.Integer => new IntegerAnswer(month.Next(0, 8)),
                QuestionType.Percentage => new PercentageAnswer(month.Next(0, 101)),
                QuestionType.Choice => new ChoiceAnswer(question.Options[Math.Min(question.Options.Count - 1, (int)(month.NextDouble() * month.NextDouble() * question.Options.Count * 1.6))].Key),
                QuestionType.MultiChoice => new MultiChoiceAnswer(question.Options.Where(_ => month.NextDouble() < 0.5).Select(o => o.Key).DefaultIfEmpty(question.Options[0].Key).ToList()),
                _ => null,
            },
        };
    }

    // FNV-1a over the seed and key: HashCode and string.GetHashCode are seeded per process, so the sample would differ
    // between runs.
    private static int StableSeed(int seed, string key)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
