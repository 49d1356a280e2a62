using System.Text.RegularExpressions;
using ChronicCare.Monitor.Telemetry;

namespace ChronicCare.Monitor.Dashboards.Tests.Support;

/// <summary>
/// Just enough PromQL to find the series a Grafana expression names: strings, label matchers (<c>{...}</c>), ranges
/// (<c>[...]</c>), grouping label lists (<c>by (...)</c> and friends), Grafana variables and numbers are removed, and
/// every identifier left is either PromQL's own (a function, an aggregation, a keyword) or a metric name.
/// </summary>
internal static partial class PromQl
{
    /// <summary>PromQL's functions, aggregation operators and keywords (Prometheus 2.x).</summary>
    public static IReadOnlySet<string> Words { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // functions
        "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil", "changes", "clamp",
        "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg",
        "delta", "deriv", "exp", "floor", "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_sum", "holt_winters",
        "hour", "idelta", "increase", "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "mad_over_time",
        "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad",
        "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time",
        "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year",

        // aggregation operators
        "avg", "bottomk", "count", "count_values", "group", "max", "min", "quantile", "stddev", "stdvar", "sum", "topk",

        // keywords and binary operators spelled as words
        "and", "atan2", "bool", "by", "group_left", "group_right", "ignoring", "inf", "nan", "offset", "on", "or", "unless", "without",
    };

    /// <summary>The histograms among <see cref="MetricNames.All"/>: Prometheus exposes them only as _bucket, _sum and _count series.</summary>
    public static IReadOnlySet<string> Histograms { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MetricNames.ProcessingDuration, MetricNames.ProduceToAlertLatency, MetricNames.StoreCallDuration,
    };

    /// <summary>The series names a query may use: every exported metric, a histogram only through its suffixed series.</summary>
    public static IReadOnlySet<string> Series { get; } = MetricNames.All
        .SelectMany(m => Histograms.Contains(m) ? new[] { m + "_bucket", m + "_sum", m + "_count" } : [m])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The labels the monitor's metrics carry (MetricNames' comments) and those Prometheus adds (<c>job</c>,
    /// <c>instance</c>) or histograms have (<c>le</c>).
    /// </summary>
    public static IReadOnlySet<string> Labels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "job", "instance", "le", "version", "runtime", "outcome", "rule", "severity", "status", "kind", "partition", "store", "operation",
        "route", "method", "code", "decision",
    };

    /// <summary>Every identifier of <paramref name="expr"/> that is not PromQL's own: the metric names it selects.</summary>
    public static IReadOnlyList<string> Identifiers(string expr)
    {
        var text = Strings().Replace(expr, " ");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Variables().Replace(text, " ");
        text = Numbers().Replace(text, " ");
        return Identifier().Matches(text).Select(m => m.Value).Where(w => !Words.Contains(w)).ToList();
    }

    /// <summary>Label names in matchers and grouping lists.</summary>
    public static IReadOnlyList<string> LabelNames(string expr)
    {
        var text = Strings().Replace(expr, "\"\"");
        var names = new List<string>();
        foreach (Match m in Matchers().Matches(text))
        {
            names.AddRange(MatcherLabel().Matches(m.Value).Select(l => l.Groups[1].Value));
        }

        foreach (Match m in Grouping().Matches(text))
        {
            names.AddRange(Identifier().Matches(m.Groups["labels"].Value).Select(l => l.Value));
        }

        return names;
    }

    /// <summary>The contents of every range or subquery bracket.</summary>
    public static IReadOnlyList<string> RangeSelectors(string expr) =>
        Ranges().Matches(Strings().Replace(expr, "\"\"")).Select(m => m.Value[1..^1].Trim()).ToList();

    /// <summary>Every <c>chroniccare_...</c> word anywhere in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> ChronicCareWords(string text) => ChronicCareWord().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^()]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Variables();

    [GeneratedRegex(@"(?<![A-Za-z_:0-9])(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?(?:ms|[smhdwy])?|\.\d+)")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"chroniccare_[a-z_]+")]
    private static partial Regex ChronicCareWord();
}
