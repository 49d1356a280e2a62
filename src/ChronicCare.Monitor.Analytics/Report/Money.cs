namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>Fen to yuan and the report's rounding: money 2 decimals, ratios 4 (half away from zero).</summary>
internal static class Money
{
    /// <summary>Yuan with exactly 2 decimals (scale 2, so it prints as <c>12.30</c>).</summary>
    public static decimal Yuan(long fen) => fen / 100m + 0.00m;

    public static decimal Yuan(decimal fen) => Math.Round(fen / 100m, 2, MidpointRounding.AwayFromZero) + 0.00m;

    public static decimal Ratio(decimal ratio) => Math.Round(ratio, 4, MidpointRounding.AwayFromZero);
}
