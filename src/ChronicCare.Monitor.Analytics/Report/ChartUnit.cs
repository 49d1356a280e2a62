namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>The unit a money chart shows (元, 万元, 亿元) for its largest value, and how many decimals its value labels take.</summary>
internal sealed record ChartUnit(double Divisor, string Zh, string En, int Decimals)
{
    public static ChartUnit For(double maxYuan)
    {
        if (maxYuan >= 1e9)
        {
            return new ChartUnit(1e8, "亿元", "100M yuan", 2);
        }

        if (maxYuan >= 1e5)
        {
            var scaled = maxYuan / 1e4;
            return new ChartUnit(1e4, "万元", "10k yuan", scaled >= 1000 ? 0 : scaled >= 100 ? 1 : 2);
        }

        return new ChartUnit(1, "元", "yuan", 2);
    }

    public double Scale(long fen) => fen / 100.0 / Divisor;

    public double Scale(decimal? fen) => fen is { } f ? (double)f / 100.0 / Divisor : 0;

    public string Label(double scaled) => Formats.Number(scaled, Decimals);
}
