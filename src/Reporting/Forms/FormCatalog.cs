using System.Text.Json;
using System.Text.Json.Serialization;
using DtsAssistant.Reporting.Schedule;

namespace DtsAssistant.Reporting.Forms;

/// <summary>Every known form version: the embedded ones plus any JSON files in the override folder.</summary>
public interface IFormCatalog
{
    IReadOnlyList<FormDefinition> All { get; }

    /// <summary>A specific version (how a stored report is read back); null when unknown.</summary>
    FormDefinition? Find(string id, int version);

    /// <summary>The newest version of the form for a kind of period that is valid for the period; null when none.</summary>
    FormDefinition? ForPeriod(Period period);
}

internal sealed class FormCatalog : IFormCatalog
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<(string Id, int Version), FormDefinition> _forms = [];

    /// <param name="overrideFolder">Folder with *.json form files; a file with the same id and version replaces the embedded one.</param>
    public FormCatalog(string? overrideFolder = null)
    {
        var assembly = typeof(FormCatalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal) && n.Contains(".Forms.Definitions.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            Add(Load(stream, name));
        }

        if (!string.IsNullOrWhiteSpace(overrideFolder) && System.IO.Directory.Exists(overrideFolder))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(overrideFolder, "*.json").Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                Add(Load(stream, file));
            }
        }
    }

    public IReadOnlyList<FormDefinition> All => _forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Version).ToList();

    public FormDefinition? Find(string id, int version) => _forms.GetValueOrDefault((id, version));

    public FormDefinition? ForPeriod(Period period) => _forms.Values
        .Where(f => f.PeriodKind == period.Kind && (f.ValidFrom is null || ValidFromPeriod(f, period.Kind).CompareTo(period) <= 0))
        .OrderByDescending(f => f.Version)
        .FirstOrDefault();

    /// <summary>Reads and checks one form file; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static FormDefinition Load(Stream json, string source)
    {
        FormDefinition? form;
        try
        {
            form = JsonSerializer.Deserialize<FormDefinition>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Form file {source} is not valid JSON: {e.Message}", e);
        }

        if (form is null)
        {
            throw new InvalidDataException($"Form file {source} is empty.");
        }

        var problems = FormDefinitionCheck.Problems(form).ToList();
        return problems.Count == 0 ? form : throw new InvalidDataException($"Form file {source}: {string.Join("; ", problems)}");
    }

    private void Add(FormDefinition form) => _forms[(form.Id, form.Version)] = form;

    private static Period ValidFromPeriod(FormDefinition form, PeriodKind kind)
    {
        var from = Period.Parse(form.ValidFrom!);
        return from.Kind == kind ? from : Period.Containing(kind, from.FirstDay);
    }
}

/// <summary>Consistency checks on a form definition, so a bad file fails at start-up rather than mid-conversation.</summary>
internal static class FormDefinitionCheck
{
    public static IEnumerable<string> Problems(FormDefinition form)
    {
        if (string.IsNullOrWhiteSpace(form.Id) || form.Version < 1)
        {
            yield return "id and a version >= 1 are required";
        }

        if (form.ValidFrom is not null && !Period.TryParse(form.ValidFrom, out _))
        {
            yield return $"validFrom '{form.ValidFrom}' is not a period key";
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in form.Questions)
        {
            if (string.IsNullOrWhiteSpace(q.Key) || !keys.Add(q.Key))
            {
                yield return $"question key '{q.Key}' is empty or repeated";
            }

            if (q.Key.Contains(';', StringComparison.Ordinal) || q.Options.Any(o => o.Key.Contains(';', StringComparison.Ordinal)))
            {
                yield return $"question '{q.Key}': keys cannot contain ';'";
            }

            if (q.Type is QuestionType.Choice or QuestionType.MultiChoice && q.Options.Count == 0)
            {
                yield return $"question '{q.Key}' needs options";
            }

            if (q.AtMost is not null && form.Question(q.AtMost) is not { Type: QuestionType.Integer or QuestionType.Percentage })
            {
                yield return $"question '{q.Key}': atMost '{q.AtMost}' is not a numeric question of the form";
            }

            if (q.Min > q.Max)
            {
                yield return $"question '{q.Key}': min is above max";
            }
        }

        foreach (var i in form.Indicators)
        {
            var refs = i.Kind == IndicatorKind.Ratio ? new[] { i.Numerator, i.Denominator } : [i.Question];
            if (refs.Any(r => r is null || !keys.Contains(r)))
            {
                yield return $"indicator '{i.Id}' refers to a missing question";
            }
        }
    }
}
