namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>One bar of a horizontal bar chart: its label, its segments' values (one per series) and the label at its end.</summary>
internal sealed record BarRow(string Label, IReadOnlyList<double> Values, string ValueLabel);

/// <summary>
/// Horizontal (optionally stacked) bars: category labels in a left column (truncated with … and a tooltip), the value
/// label after each bar in a right column wide enough for the widest, a value axis with round ticks and its title
/// below. Widths come from <see cref="TextWidth"/>, so no label leaves the viewBox or overlaps another.
/// </summary>
internal static class HBarChart
{
    private const double Width = 760;
    private const double Pad = 10;
    private const double LabelFont = 12;
    private const double ValueFont = 11;
    private const double TickFont = 10.5;
    private const double ShareFont = 9.5;
    private const double RowPitch = 26;
    private const double BarHeight = 16;
    private const double MaxLabelColumn = 210;

    /// <param name="label">What the chart shows (its title for screen readers).</param>
    /// <param name="series">One per segment; a legend is drawn when there are several.</param>
    /// <param name="rows">The bars, top to bottom.</param>
    /// <param name="axisTitle">Under the value axis, e.g. <c>医疗总费用（万元）Total cost (10k yuan)</c>.</param>
    /// <param name="shares">Write each segment's share of its bar inside it when it fits.</param>
    public static string Render(string label, IReadOnlyList<ChartSeries> series, IReadOnlyList<BarRow> rows, string axisTitle, bool shares = false)
    {
        var max = rows.Count == 0 ? 0 : rows.Max(r => r.Values.Sum(v => Math.Max(0, v)));
        if (rows.Count == 0 || !(max > 0))
        {
            return EmptyChart.Render(label, Width);
        }

        var c = new SvgCanvas(Width);
        var y = Pad;
        if (series.Count > 1)
        {
            y += ChartLegend.Draw(c, series, Pad, Width - Pad, y) + 10;
        }

        var labelColumn = Math.Min(MaxLabelColumn, rows.Max(r => TextWidth.Of(r.Label, LabelFont)));
        var valueColumn = rows.Max(r => TextWidth.Of(r.ValueLabel, ValueFont)) + 6;
        var x0 = Pad + labelColumn + 10;

        // the ticks' labels are centred on their ticks: the last one needs half its width right of the plot
        ChartScale scale = ChartScale.Nice(max, 5);
        double x1 = Width - Pad - valueColumn;
        for (var i = 0; i < 2; i++)
        {
            var halfTick = scale.Labels.Max(l => TextWidth.Of(l, TickFont)) / 2;
            x1 = Width - Pad - Math.Max(valueColumn, halfTick);
            scale = ChartScale.Fit(max, x1 - x0, l => TextWidth.Of(l, TickFont), 10);
        }

        double X(double v) => x0 + ((x1 - x0) * v / scale.Max);

        var plotTop = y;
        var plotBottom = y + (rows.Count * RowPitch);
        foreach (var tick in scale.Ticks)
        {
            c.Line(X(tick), plotTop, X(tick), plotBottom, tick == 0 ? ChartColors.Axis : ChartColors.Grid);
        }

        foreach (var row in rows)
        {
            var centre = y + (RowPitch / 2);
            var text = TextWidth.Truncate(row.Label, labelColumn, LabelFont);
            c.Text(Pad + labelColumn, centre + (0.36 * LabelFont), text, LabelFont, "end", tooltip: row.Label);

            var total = row.Values.Sum(v => Math.Max(0, v));
            var x = x0;
            for (var s = 0; s < row.Values.Count; s++)
            {
                var v = Math.Max(0, row.Values[s]);
                if (v <= 0)
                {
                    continue;
                }

                var w = X(v) - x0;
                c.Rect(x, centre - (BarHeight / 2), w, BarHeight, series[Math.Min(s, series.Count - 1)].Color);
                if (shares && total > 0)
                {
                    var share = Formats.Number(100 * v / total, 0) + "%";
                    if (TextWidth.Of(share, ShareFont) + 6 <= w)
                    {
                        c.Text(x + (w / 2), centre + (0.36 * ShareFont), share, ShareFont, "middle", "#fff");
                    }
                }

                x += w;
            }

            c.Text(x + 5, centre + (0.36 * ValueFont), row.ValueLabel, ValueFont, fill: ChartColors.Muted);
            y += RowPitch;
        }

        var tickBaseline = plotBottom + 4 + (TextWidth.Ascent * TickFont);
        foreach (var tick in scale.Ticks)
        {
            c.Text(X(tick), tickBaseline, scale.Label(tick), TickFont, "middle", ChartColors.Muted);
        }

        var titleBaseline = tickBaseline + (TextWidth.Descent * TickFont) + 6 + (TextWidth.Ascent * LabelFont);
        var title = TextWidth.Truncate(axisTitle, Width - (2 * Pad), LabelFont);
        var titleWidth = TextWidth.Of(title, LabelFont);
        var titleX = Math.Clamp((x0 + x1) / 2, Pad + (titleWidth / 2), Width - Pad - (titleWidth / 2));
        c.Text(titleX, titleBaseline, title, LabelFont, "middle", ChartColors.Muted, axisTitle);
        return c.ToSvg(label, titleBaseline + (TextWidth.Descent * LabelFont) + Pad);
    }
}
