namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>One column of a vertical bar chart: category label, value, and the label above the bar.</summary>
internal sealed record Column(string Label, double Value, string ValueLabel);

/// <summary>
/// Vertical bars for a few categories (facility levels): a value axis on the left with its unit above it, the value
/// above each bar and the category under it, each truncated or shrunk to its slot.
/// </summary>
internal static class VBarChart
{
    private const double Width = 760;
    private const double PlotHeight = 170;
    private const double Pad = 10;
    private const double LabelFont = 12;
    private const double ValueFont = 11;
    private const double TickFont = 10.5;

    public static string Render(string label, IReadOnlyList<Column> columns, string axisTitle, string color)
    {
        var max = columns.Count == 0 ? 0 : columns.Max(c => c.Value);
        if (columns.Count == 0 || !(max > 0))
        {
            return EmptyChart.Render(label, Width);
        }

        var c = new SvgCanvas(Width);
        var titleBaseline = Pad + (TextWidth.Ascent * LabelFont);
        var title = TextWidth.Truncate(axisTitle, Width - (2 * Pad), LabelFont);
        c.Text(Pad, titleBaseline, title, LabelFont, fill: ChartColors.Muted, tooltip: axisTitle);

        var plotTop = titleBaseline + (TextWidth.Descent * LabelFont) + 8 + ((TextWidth.Ascent + TextWidth.Descent) * ValueFont) + 4;
        var plotBottom = plotTop + PlotHeight;
        var scale = ChartScale.Fit(max, PlotHeight, _ => (TextWidth.Ascent + TextWidth.Descent) * TickFont, 4);
        var x0 = Pad + scale.Labels.Max(l => TextWidth.Of(l, TickFont)) + 8;
        var x1 = Width - Pad;
        double Y(double v) => plotBottom - (PlotHeight * v / scale.Max);

        foreach (var tick in scale.Ticks)
        {
            c.Line(x0, Y(tick), x1, Y(tick), tick == 0 ? ChartColors.Axis : ChartColors.Grid);
            c.Text(x0 - 6, Y(tick) + (0.36 * TickFont), scale.Label(tick), TickFont, "end", ChartColors.Muted);
        }

        var slot = (x1 - x0) / columns.Count;
        var barWidth = Math.Min(slot * 0.55, 90);
        var categoryBaseline = plotBottom + 6 + (TextWidth.Ascent * LabelFont);
        for (var i = 0; i < columns.Count; i++)
        {
            var col = columns[i];
            var centre = x0 + (slot * (i + 0.5));
            var top = Y(Math.Max(0, col.Value));
            c.Rect(centre - (barWidth / 2), top, barWidth, plotBottom - top, color);

            // shrink the value label to its slot rather than cut a number
            var font = ValueFont;
            while (font > 7 && TextWidth.Of(col.ValueLabel, font) > slot - 6)
            {
                font -= 0.5;
            }

            c.Text(centre, top - 4 - (TextWidth.Descent * font), col.ValueLabel, font, "middle", ChartColors.Muted);
            var category = TextWidth.Truncate(col.Label, slot - 6, LabelFont);
            c.Text(centre, categoryBaseline, category, LabelFont, "middle", tooltip: col.Label);
        }

        return c.ToSvg(label, categoryBaseline + (TextWidth.Descent * LabelFont) + Pad);
    }
}
