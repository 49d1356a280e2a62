namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>What a chart shows when it has nothing to draw: a framed "本月无数据 No data" instead of a broken chart.</summary>
internal static class EmptyChart
{
    public const string Message = ReportHtml.NoData;

    public static string Render(string label, double width = 760)
    {
        const double height = 90;
        var c = new SvgCanvas(width);
        c.Rect(1, 1, width - 2, height - 2, "#f7f9fb", "stroke=\"#c9d2dc\" stroke-dasharray=\"6 4\" rx=\"6\"");
        c.Text(width / 2, (height / 2) + (0.36 * 15), Message, 15, "middle", ChartColors.Muted);
        return c.ToSvg(label + " — " + Message, height, "chart chart-empty");
    }
}
