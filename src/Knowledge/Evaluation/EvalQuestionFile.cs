using System.Text;

namespace DtsAssistant.Knowledge.Evaluation;

/// <summary>A non-blank line of an eval file: the question, or why the line could not be read.</summary>
public sealed record EvalEntry(int LineNumber, EvalQuestion? Question, string? Error);

/// <summary>Reads eval files: one JSON object a line, blank lines ignored.</summary>
public static class EvalQuestionFile
{
    /// <summary>Reads a file; an unreadable file throws (IOException and friends), an unreadable line becomes an entry with its error.</summary>
    public static IReadOnlyList<EvalEntry> Read(string path) => Parse(File.ReadAllLines(path, Encoding.UTF8));

    public static IReadOnlyList<EvalEntry> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new List<EvalEntry>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(new EvalEntry(number, EvalQuestion.Parse(line), null));
            }
            catch (FormatException ex)
            {
                entries.Add(new EvalEntry(number, null, ex.Message));
            }
        }

        return entries;
    }
}
