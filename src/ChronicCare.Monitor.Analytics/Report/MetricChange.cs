namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// One metric this month against the month before (环比) and the same month a year before (同比). A change is
/// (value − previous) / previous; null when the previous value is 0 or missing, or the value itself is undefined.
/// </summary>
public sealed record MetricChange(
    ReportMetric Metric,
    decimal? Value,
    decimal? MonthAgo,
    decimal? MonthOnMonth,
    decimal? YearAgo,
    decimal? YearOnYear)
{
    /// <summary>The change of <paramref name="value"/> against <paramref name="previous"/>, or null.</summary>
    public static decimal? Ratio(decimal? value, decimal? previous) =>
        value is { } v && previous is { } p && p != 0 ? (v - p) / p : null;

    /// <summary>Every metric's change, in <see cref="ReportMetric"/> order.</summary>
    public static IReadOnlyList<MetricChange> All(CostFigures now, CostFigures? monthAgo, CostFigures? yearAgo) =>
        ReportMetrics.All.Select(m => Of(m, now, monthAgo, yearAgo)).ToList();

    public static MetricChange Of(ReportMetric metric, CostFigures now, CostFigures? monthAgo, CostFigures? yearAgo)
    {
        var value = now.Value(metric);
        var mom = monthAgo?.Value(metric);
        var yoy = yearAgo?.Value(metric);
        return new MetricChange(metric, value, mom, Ratio(value, mom), yoy, Ratio(value, yoy));
    }
}
