namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>The median in exact decimal arithmetic (an even count takes the mean of the middle two), as the rules take it.</summary>
internal static class DecimalMedian
{
    public static decimal Of(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("the median of nothing", nameof(values));
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
