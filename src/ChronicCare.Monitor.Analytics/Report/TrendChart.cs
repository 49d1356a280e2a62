namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// The 13-month trend: active patients as bars on the right axis, total and fund cost as lines on the left axis, the
/// total's value above each point where the labels fit side by side (else every k-th, always the latest), month labels
/// thinned the same way.
/// </summary>
internal static class TrendChart
{
    private const double Width = 760;
    private const double PlotHeight = 190;
    private const double Pad = 10;
    private const double LabelFont = 11;
    private const double ValueFont = 10;
    private const double TickFont = 10.5;

    public static string Render(string label, IReadOnlyList<TrendPoint> points)
    {
        if (points.Count == 0 || points.All(p => p.TotalFen <= 0 && p.FundFen <= 0 && p.ActivePatients <= 0))
        {
            return EmptyChart.Render(label, Width);
        }

        var unit = ChartUnit.For(points.Max(p => Math.Max(p.TotalFen, p.FundFen)) / 100.0);
        var totals = points.Select(p => unit.Scale(p.TotalFen)).ToList();
        var funds = points.Select(p => unit.Scale(p.FundFen)).ToList();
        var patients = points.Select(p => (double)p.ActivePatients).ToList();

        var c = new SvgCanvas(Width);
        var y = Pad;
        y += ChartLegend.Draw(
            c,
            [
                new ChartSeries($"医疗总费用 Total cost（{unit.Zh}）", ChartColors.Primary),
                new ChartSeries($"统筹基金支付 Fund paid（{unit.Zh}）", ChartColors.Secondary),
                new ChartSeries("就诊人数 Active patients（人）", ChartColors.Bars),
            ],
            Pad,
            Width - Pad,
            y) + 8;

        var axisBaseline = y + (TextWidth.Ascent * LabelFont);
        var plotTop = axisBaseline + (TextWidth.Descent * LabelFont) + 8 + ((TextWidth.Ascent + TextWidth.Descent) * ValueFont) + 6;
        var plotBottom = plotTop + PlotHeight;
        double TickSpan(string _) => (TextWidth.Ascent + TextWidth.Descent) * TickFont;
        var left = ChartScale.Fit(Math.Max(totals.Max(), funds.Max()), PlotHeight, TickSpan, 4);
        var right = ChartScale.Fit(patients.Max(), PlotHeight, TickSpan, 4);
        var x0 = Pad + left.Labels.Max(l => TextWidth.Of(l, TickFont)) + 8;
        var x1 = Width - Pad - right.Labels.Max(l => TextWidth.Of(l, TickFont)) - 8;

        var leftTitle = $"{unit.Zh} {unit.En}";
        c.Text(Pad, axisBaseline, leftTitle, LabelFont, fill: ChartColors.Muted);
        var rightTitle = "人 patients";
        if (TextWidth.Of(leftTitle, LabelFont) + TextWidth.Of(rightTitle, LabelFont) + 20 <= Width - (2 * Pad))
        {
            c.Text(Width - Pad, axisBaseline, rightTitle, LabelFont, "end", ChartColors.Muted);
        }

        double YL(double v) => plotBottom - (PlotHeight * v / left.Max);
        double YR(double v) => plotBottom - (PlotHeight * v / right.Max);
        foreach (var tick in left.Ticks)
        {
            c.Line(x0, YL(tick), x1, YL(tick), tick == 0 ? ChartColors.Axis : ChartColors.Grid);
            c.Text(x0 - 6, YL(tick) + (0.36 * TickFont), left.Label(tick), TickFont, "end", ChartColors.Muted);
        }

        foreach (var tick in right.Ticks)
        {
            c.Line(x1, YR(tick), x1 + 4, YR(tick), ChartColors.Axis);
            c.Text(x1 + 8, YR(tick) + (0.36 * TickFont), right.Label(tick), TickFont, "start", ChartColors.Muted);
        }

        var slot = (x1 - x0) / points.Count;
        double X(int i) => x0 + (slot * (i + 0.5));
        var barWidth = slot * 0.5;
        for (var i = 0; i < points.Count; i++)
        {
            if (patients[i] > 0)
            {
                c.Rect(X(i) - (barWidth / 2), YR(patients[i]), barWidth, plotBottom - YR(patients[i]), ChartColors.Bars);
            }
        }

        c.Polyline(funds.Select((v, i) => (X(i), YL(v))), ChartColors.Secondary, 2);
        c.Polyline(totals.Select((v, i) => (X(i), YL(v))), ChartColors.Primary, 2.5);
        for (var i = 0; i < points.Count; i++)
        {
            c.Circle(X(i), YL(funds[i]), 2.8, ChartColors.Secondary);
            c.Circle(X(i), YL(totals[i]), 3.2, ChartColors.Primary);
        }

        // value labels above the total line and month labels under the axis: placed from the latest backwards, each
        // kept inside the plot and skipped when it would touch the one placed before it
        var values = totals.Select(unit.Label).ToList();
        foreach (var (i, x) in Place(values, ValueFont, X, x0, x1))
        {
            c.Text(x, YL(totals[i]) - 6 - (TextWidth.Descent * ValueFont), values[i], ValueFont, "middle", ChartColors.Primary, bold: i == points.Count - 1, halo: true);
        }

        var months = points.Select(p => p.Month).ToList();
        var monthBaseline = plotBottom + 6 + (TextWidth.Ascent * LabelFont);
        foreach (var (i, x) in Place(months, LabelFont, X, x0, x1))
        {
            c.Text(x, monthBaseline, months[i], LabelFont, "middle", bold: i == points.Count - 1);
        }

        return c.ToSvg(label, monthBaseline + (TextWidth.Descent * LabelFont) + Pad);
    }

    /// <summary>Centres of the labels that fit, latest first: every k-th label (k from the widest), each clamped to [x0, x1].</summary>
    private static List<(int Index, double X)> Place(IReadOnlyList<string> labels, double font, Func<int, double> centre, double x0, double x1)
    {
        const double Gap = 6;
        var placed = new List<(int, double)>();
        var slot = labels.Count > 1 ? centre(1) - centre(0) : x1 - x0;
        var every = Math.Max(1, (int)Math.Ceiling((labels.Max(l => TextWidth.Of(l, font)) + Gap) / slot));
        var leftEdge = double.PositiveInfinity;
        for (var i = labels.Count - 1; i >= 0; i -= every)
        {
            var half = TextWidth.Of(labels[i], font) / 2;
            var x = Math.Clamp(centre(i), x0 + half, Math.Max(x0 + half, x1 - half));
            if (x + half + Gap > leftEdge)
            {
                continue;
            }

            placed.Add((i, x));
            leftEdge = x - half;
        }

        return placed;
    }
}
