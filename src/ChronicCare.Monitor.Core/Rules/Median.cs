namespace ChronicCare.Monitor.Rules;

/// <summary>
/// The median of a set of amounts, in exact decimal arithmetic (an even count takes the mean of the middle two): what
/// R12 and R13 take, and the report's peer and patient comparisons with them.
/// </summary>
public static class Median
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
