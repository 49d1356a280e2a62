namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>A legend of coloured swatches laid out in lines that wrap inside the chart's width.</summary>
internal static class ChartLegend
{
    public const double FontSize = 11;
    private const double LineHeight = 20;
    private const double Swatch = 10;

    /// <summary>Draws the legend from <paramref name="top"/>; returns its height.</summary>
    public static double Draw(SvgCanvas c, IReadOnlyList<ChartSeries> series, double left, double right, double top)
    {
        var x = left;
        var lines = 1;
        foreach (var s in series)
        {
            var name = TextWidth.Truncate(s.Name, right - left - Swatch - 6, FontSize);
            var itemWidth = Swatch + 5 + TextWidth.Of(name, FontSize);
            if (x > left && x + itemWidth > right)
            {
                x = left;
                lines++;
            }

            var baseline = top + ((lines - 1) * LineHeight) + (TextWidth.Ascent * FontSize);
            c.Rect(x, baseline - Swatch + 1, Swatch, Swatch, s.Color, "rx=\"2\"");
            c.Text(x + Swatch + 5, baseline, name, FontSize, tooltip: s.Name);
            x += itemWidth + 16;
        }

        return (lines * LineHeight) - (LineHeight - ((TextWidth.Ascent + TextWidth.Descent) * FontSize));
    }
}
