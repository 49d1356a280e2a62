namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Axis ticks at round values (1, 2, 2.5, 5 × 10ⁿ) from 0 to at least the maximum, and their labels.</summary>
internal sealed class ChartScale
{
    private ChartScale(IReadOnlyList<double> ticks, int decimals)
    {
        Ticks = ticks;
        Decimals = decimals;
    }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>The top of the axis (the last tick).</summary>
    public double Max => Ticks[^1];

    public int Decimals { get; }

    public IEnumerable<string> Labels => Ticks.Select(Label);

    public string Label(double tick) => Formats.Number(tick, Decimals);

    /// <summary>
    /// The finest ticks (at most <paramref name="maxTicks"/> intervals) whose labels, <paramref name="labelSpan"/>
    /// wide each (given its text), are at least <paramref name="gap"/> apart over <paramref name="length"/> units.
    /// </summary>
    public static ChartScale Fit(double max, double length, Func<string, double> labelSpan, double gap, int maxTicks = 5)
    {
        ChartScale? scale = null;
        for (var n = maxTicks; n >= 1; n--)
        {
            scale = Nice(max, n);
            var intervals = scale.Ticks.Count - 1;
            var widest = scale.Labels.Max(labelSpan);
            if (intervals <= 1 || length / intervals >= widest + gap)
            {
                return scale;
            }
        }

        return scale!;
    }

    public static ChartScale Nice(double max, int intervals)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return new ChartScale([0, 1], 0);
        }

        var raw = max / Math.Max(1, intervals);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var norm = raw / magnitude;
        var factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
        var step = factor * magnitude;
        var count = (int)Math.Ceiling((max / step) - 1e-9);
        var ticks = Enumerable.Range(0, count + 1).Select(i => Math.Round(i * step, 10)).ToList();
        var decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9) + (factor == 2.5 ? 1 : 0);
        return new ChartScale(ticks, Math.Clamp(decimals, 0, 6));
    }
}
