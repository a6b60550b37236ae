using DtsAssistant.Reporting.Forms;
using DtsAssistant.Reporting.Schedule;
using DtsAssistant.Reporting.Status;
using ScottPlot;

namespace DtsAssistant.Bot.Charts;

/// <summary>The charts the chat and the dashboard show.</summary>
public enum ChartKind
{
    /// <summary>Units filed, day by day, towards the period's deadline.</summary>
    Progress,

    /// <summary>Filing rate of each commune, worst first.</summary>
    Communes,

    /// <summary>Each indicator against its target across months.</summary>
    Indicators,
}

/// <summary>
/// Draws the status figures as PNG images with ScottPlot (SkiaSharp). Pure: data in, bytes out; the data comes from
/// <see cref="IStatusService"/> through <see cref="ChartService"/>. Labels are Vietnamese, so a font with Vietnamese
/// glyphs is registered (DejaVu Sans where installed) instead of relying on the platform default.
/// </summary>
public static class ChartRenderer
{
    public const int Width = 1000;
    public const int Height = 560;

    /// <summary>At most this many communes are drawn (the worst ones): the chart is read, not scanned.</summary>
    public const int MaxCommunes = 30;

    private static readonly Lazy<string?> FontName = new(RegisterFont);

    /// <summary>The registered font family with Vietnamese glyphs, or null (ScottPlot's default).</summary>
    public static string? Font => FontName.Value;

    /// <summary>Cumulative units filed by day (Vietnam time) from the opening to the deadline or today, whichever is later.</summary>
    public static byte[] Progress(PeriodStatus status, IReadOnlyList<UnitFiling> filings, DateOnly today)
    {
        var opens = DateOnly.FromDateTime(status.Window.OpensAt.ToOffset(VietnamTime.Offset).DateTime);
        var deadline = status.Window.LastDayOnTime;
        var last = today > deadline ? today : deadline;
        var firstDays = filings.Where(f => f.Submitted && f.FirstSubmittedAt is not null)
            .Select(f => DateOnly.FromDateTime(f.FirstSubmittedAt!.Value.ToOffset(VietnamTime.Offset).DateTime))
            .ToList();
        if (firstDays.Count > 0 && firstDays.Min() < opens)
        {
            opens = firstDays.Min();
        }

        var xs = new List<double>();
        var ys = new List<double>();
        var sorted = firstDays.OrderBy(d => d).ToList();
        var index = 0;
        for (var day = opens; day <= last && day <= today; day = day.AddDays(1))
        {
            while (index < sorted.Count && sorted[index] <= day)
            {
                index++;
            }

            xs.Add(day.ToDateTime(TimeOnly.MinValue).ToOADate());
            ys.Add(index);
        }

        var plot = NewPlot($"Tiến độ nộp báo cáo {status.Period.Label} — {status.ScopeLabel}");
        if (xs.Count > 0)
        {
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.LegendText = "Số đơn vị đã nộp";
        }

        var expected = plot.Add.HorizontalLine(status.Overall.Expected);
        expected.LinePattern = LinePattern.Dashed;
        expected.LegendText = $"Số đơn vị phải nộp ({status.Overall.Expected})";
        var due = plot.Add.VerticalLine(deadline.ToDateTime(TimeOnly.MinValue).ToOADate());
        due.Color = Colors.Red;
        due.LegendText = $"Hạn chót {deadline:dd/MM/yyyy}";
        var dates = plot.Axes.DateTimeTicksBottom();
        if (dates.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = d => d.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture);
        }

        plot.Axes.SetLimits(opens.AddDays(-1).ToDateTime(TimeOnly.MinValue).ToOADate(), last.AddDays(1).ToDateTime(TimeOnly.MinValue).ToOADate(),
            0, Math.Max(1, status.Overall.Expected) * 1.08);
        plot.XLabel("Ngày");
        plot.YLabel("Số đơn vị đã nộp");
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot, Height);
    }

    /// <summary>Completeness of each commune as horizontal bars, the worst at the top; at most <see cref="MaxCommunes"/>.</summary>
    public static byte[] Communes(PeriodStatus status)
    {
        var rows = status.ByCommune.Where(r => r.Expected > 0)
            .OrderBy(r => r.CompletenessPercent).ThenBy(r => r.Label, StringComparer.Ordinal).Take(MaxCommunes).ToList();
        var shown = rows.Count < status.ByCommune.Count(r => r.Expected > 0) ? $" ({rows.Count} xã/phường thấp nhất)" : "";
        var plot = NewPlot($"Tỷ lệ nộp báo cáo theo xã/phường {status.Period.Label}{shown}");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < rows.Count; i++)
        {
            // The worst first means at the top: the top bar has the highest position.
            var position = rows.Count - 1 - i;
            var percent = (double)rows[i].CompletenessPercent;
            bars.Add(new Bar
            {
                Position = position,
                Value = percent,
                FillColor = percent >= 100 ? Colors.SeaGreen : percent >= 50 ? Colors.Orange : Colors.FireBrick,
                Label = $"{percent:0.#}% ({rows[i].Submitted}/{rows[i].Expected})",
                Orientation = Orientation.Horizontal,
            });
            ticks.Add(new Tick(position, rows[i].Label));
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontName = FontName.Value ?? plottable.ValueLabelStyle.FontName;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimits(0, 125, -0.6, Math.Max(rows.Count, 1) - 0.4);
        plot.XLabel("Tỷ lệ đã nộp (%)");
        return Png(plot, Math.Max(Height, 90 + 24 * rows.Count));
    }

    /// <summary>
    /// One line per indicator with a target (its percent each month), and its target as a dashed line of the same
    /// colour. Months without data leave a gap. Reports are in month order.
    /// </summary>
    public static byte[] Indicators(IReadOnlyList<IndicatorReport> months)
    {
        var scope = months.Count > 0 ? months[^1].ScopeLabel : "";
        var plot = NewPlot($"Chỉ tiêu so với kế hoạch theo tháng — {scope}");
        var definitions = months.SelectMany(m => m.Figures).Select(f => f.Definition)
            .Where(d => d.TargetPercent is not null && d.Kind != IndicatorKind.Distribution)
            .DistinctBy(d => d.Id).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var color = palette.GetColor(i);
            var xs = new List<double>();
            var ys = new List<double>();
            for (var m = 0; m < months.Count; m++)
            {
                var figure = months[m].Figures.FirstOrDefault(f => f.Definition.Id == definition.Id);
                xs.Add(m);
                ys.Add(figure?.Percent is { } percent ? (double)percent : double.NaN);
            }

            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            line.LegendText = definition.Name;
            var target = plot.Add.HorizontalLine((double)definition.TargetPercent!.Value, color: color);
            target.LinePattern = LinePattern.Dashed;
        }

        var ticks = months.Select((m, i) => new Tick(i, m.Period.Label)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimits(-0.3, Math.Max(months.Count - 1, 1) + 0.3, 0, 110);
        plot.YLabel("Tỷ lệ (%) — nét đứt: chỉ tiêu kế hoạch");
        if (definitions.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
        }

        return Png(plot, Height + 22 * definitions.Count);
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        if (FontName.Value is { } font)
        {
            plot.Font.Set(font);
        }

        plot.Title(title);
        return plot;
    }

    private static byte[] Png(Plot plot, int height) => plot.GetImageBytes(Width, height, ImageFormat.Png);

    /// <summary>Registers a TrueType font that has Vietnamese glyphs; null when none is found (ScottPlot's default then).</summary>
    private static string? RegisterFont()
    {
        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "C:\\Windows\\Fonts\\arial.ttf",
        ];
        foreach (var path in candidates)
        {
            if (File.Exists(path))
            {
                const string name = "DtsChartFont";
                Fonts.AddFontFile(name, path);
                return name;
            }
        }

        return null;
    }
}
