using System.Text;

namespace DtsAssistant.Bot.Channels;

/// <summary>
/// Splits a reply into chunks that fit a platform's length limit, preferring paragraph breaks, then line breaks,
/// then sentence ends, then spaces. In HTML mode the limit counts visible characters (an entity is one, as Telegram
/// counts "after entity parsing"), tags are never cut, and tags open at a cut are closed at the end of the chunk
/// and reopened at the start of the next, so every chunk is balanced on its own.
/// </summary>
internal static class MessageSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxVisible, bool html = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVisible, 16);
        var units = Tokenize(text, html);
        var chunks = new List<string>();
        var open = new List<(string Name, string Raw)>();
        var start = 0;
        while (start < units.Count)
        {
            // Skip breaks at the start of a chunk: they would render as empty lines.
            while (start < units.Count && units[start].IsText && units[start].Raw is "\n" or " ")
            {
                start++;
            }
            if (start >= units.Count)
            {
                break;
            }
            var reopen = open.ToList();
            var end = FindEnd(units, start, maxVisible);
            var builder = new StringBuilder();
            foreach (var (_, raw) in reopen)
            {
                builder.Append(raw);
            }
            for (var i = start; i < end; i++)
            {
                var unit = units[i];
                builder.Append(unit.Raw);
                if (unit.TagName is { } name)
                {
                    if (unit.IsClosing)
                    {
                        var at = open.FindLastIndex(t => t.Name == name);
                        if (at >= 0)
                        {
                            open.RemoveAt(at);
                        }
                    }
                    else
                    {
                        open.Add((name, unit.Raw));
                    }
                }
            }
            var content = builder.ToString().TrimEnd('\n', ' ');
            builder.Clear().Append(content);
            for (var i = open.Count - 1; i >= 0; i--)
            {
                builder.Append("</").Append(open[i].Name).Append('>');
            }
            var chunk = builder.ToString();
            if (VisibleLength(chunk, html) > 0)
            {
                chunks.Add(chunk);
            }
            start = end;
        }
        return chunks;
    }

    private static int FindEnd(List<Unit> units, int start, int maxVisible)
    {
        int visible = 0, paragraph = -1, line = -1, sentence = -1, space = -1, i = start;
        for (; i < units.Count; i++)
        {
            var unit = units[i];
            if (unit.IsText && visible + unit.Width > maxVisible)
            {
                break;
            }
            if (!unit.IsText)
            {
                continue;
            }
            visible += unit.Width;
            switch (unit.Raw)
            {
                case "\n" when i > start && units[i - 1].Raw == "\n":
                    paragraph = i + 1;
                    break;
                case "\n":
                    line = i + 1;
                    break;
                case " " when i > start && units[i - 1].Raw is "." or "!" or "?" or ";" or ":":
                    sentence = i + 1;
                    break;
                case " ":
                    space = i + 1;
                    break;
            }
        }
        if (i >= units.Count)
        {
            return units.Count;
        }
        // Only accept a break that keeps the chunk reasonably full; otherwise one short paragraph would waste a message.
        var floor = start + (i - start) / 3;
        foreach (var candidate in new[] { paragraph, line, sentence, space })
        {
            if (candidate > floor)
            {
                return candidate;
            }
        }
        // No usable break: cut hard (a surrogate pair is one unit, so it is never cut in half).
        return Math.Max(i, start + 1);
    }

    private static int VisibleLength(string chunk, bool html) => Tokenize(chunk, html).Count(u => u.IsText && u.Raw is not ("\n" or " "));

    /// <summary>A tag (width 0), an entity or character (width 1), or a surrogate pair (width 2: Telegram counts UTF-16 units).</summary>
    private sealed record Unit(string Raw, bool IsText, string? TagName = null, bool IsClosing = false)
    {
        public int Width => IsText ? Raw.Length == 2 && char.IsHighSurrogate(Raw[0]) ? 2 : 1 : 0;
    }

    private static List<Unit> Tokenize(string text, bool html)
    {
        var units = new List<Unit>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (html && c == '<')
            {
                var close = text.IndexOf('>', i);
                if (close > i)
                {
                    var raw = text[i..(close + 1)];
                    var isClosing = raw.StartsWith("</", StringComparison.Ordinal);
                    var name = new string(raw.Skip(isClosing ? 2 : 1).TakeWhile(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
                    units.Add(new Unit(raw, IsText: false, name, isClosing));
                    i = close + 1;
                    continue;
                }
            }
            if (html && c == '&')
            {
                var semi = text.IndexOf(';', i);
                if (semi > i && semi - i <= 10)
                {
                    units.Add(new Unit(text[i..(semi + 1)], IsText: true));
                    i = semi + 1;
                    continue;
                }
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                units.Add(new Unit(text[i..(i + 2)], IsText: true));
                i += 2;
                continue;
            }
            units.Add(new Unit(c == '\r' ? "\n" : c.ToString(), IsText: true));
            i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
        }
        return units;
    }
}
