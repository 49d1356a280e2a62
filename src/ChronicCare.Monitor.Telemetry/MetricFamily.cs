using System.Diagnostics.Metrics;
using System.Text;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// The aggregate of one instrument: its series by label set, rendered as one Prometheus metric family. Measurements
/// arrive from any thread; one lock per family keeps sums exact, and an existing series is found without allocating.
/// </summary>
internal sealed class MetricFamily
{
    // Prometheus' client libraries' default buckets, for a histogram created without advice.
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _gate = new();
    private readonly List<MetricSeries> _series = [];
    private readonly string _type;
    private readonly string _help;
    private readonly bool _adds;
    private readonly double[] _bounds;

    private MetricFamily(Instrument instrument, string type, bool adds, bool observable, double[] bounds)
    {
        Name = PrometheusText.MetricName(instrument.Name);
        _help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        _type = type;
        _adds = adds;
        Observable = observable;
        _bounds = bounds;
    }

    public string Name { get; }

    /// <summary>True for an observable instrument: its values are taken afresh at every scrape.</summary>
    public bool Observable { get; }

    /// <summary>The family of an instrument this exporter understands (measurements of long, int or double), else null.</summary>
    public static MetricFamily? For(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var value = type.GetGenericArguments()[0];
        if (value != typeof(long) && value != typeof(int) && value != typeof(double))
        {
            return null;
        }

        var kind = type.GetGenericTypeDefinition();
        return kind switch
        {
            _ when kind == typeof(Counter<>) => new MetricFamily(instrument, "counter", adds: true, observable: false, []),
            _ when kind == typeof(UpDownCounter<>) => new MetricFamily(instrument, "gauge", adds: true, observable: false, []),
            _ when kind == typeof(Gauge<>) => new MetricFamily(instrument, "gauge", adds: false, observable: false, []),
            _ when kind == typeof(Histogram<>) => new MetricFamily(instrument, "histogram", adds: true, observable: false, Bounds(instrument)),
            _ when kind == typeof(ObservableCounter<>) => new MetricFamily(instrument, "counter", adds: false, observable: true, []),
            _ when kind == typeof(ObservableUpDownCounter<>) || kind == typeof(ObservableGauge<>) => new MetricFamily(instrument, "gauge", adds: false, observable: true, []),
            _ => null,
        };
    }

    /// <summary>Adds to (counters, histograms) or sets (gauges, observed values) the series of <paramref name="tags"/>.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            var series = Find(tags);
            if (series is null)
            {
                series = new MetricSeries(tags, _type == "histogram" ? _bounds.Length + 1 : 0);
                _series.Add(series);
            }

            if (series.Buckets is { } buckets)
            {
                if (double.IsNaN(value))
                {
                    return;
                }

                // The first bucket whose upper bound is >= the value ("le"); past the last bound, the +Inf bucket.
                var at = Array.BinarySearch(_bounds, value);
                buckets[at >= 0 ? at : ~at]++;
                series.Sum += value;
                series.Count++;
            }
            else
            {
                series.Value = _adds ? series.Value + value : value;
            }
        }
    }

    /// <summary>Forgets the observed series before a scrape observes them again (a label set no longer observed disappears).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _series.Clear();
        }
    }

    /// <summary>The family in the text format: HELP, TYPE, then its samples ordered by label set. Nothing when it has no series.</summary>
    public void WriteTo(StringBuilder text)
    {
        lock (_gate)
        {
            if (_series.Count == 0)
            {
                return;
            }

            text.Append("# HELP ").Append(Name).Append(' ');
            PrometheusText.AppendHelp(text, _help);
            text.Append('\n').Append("# TYPE ").Append(Name).Append(' ').Append(_type).Append('\n');
            foreach (var series in _series.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                if (series.Buckets is { } buckets)
                {
                    WriteHistogram(text, series, buckets);
                }
                else
                {
                    Sample(text, Name, series.Labels, null, series.Value);
                }
            }
        }
    }

    private static double[] Bounds(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries,
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        return (advised ?? DefaultBounds).Where(b => !double.IsNaN(b) && !double.IsPositiveInfinity(b)).Distinct().Order().ToArray();
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    private void WriteHistogram(StringBuilder text, MetricSeries series, long[] buckets)
    {
        var bucket = Name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < _bounds.Length; i++)
        {
            cumulative += buckets[i];
            Sample(text, bucket, series.Labels, PrometheusText.Number(_bounds[i]), cumulative);
        }

        Sample(text, bucket, series.Labels, "+Inf", series.Count);
        Sample(text, Name + "_sum", series.Labels, null, series.Sum);
        Sample(text, Name + "_count", series.Labels, null, series.Count);
    }

    private MetricSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var series in _series)
        {
            if (series.Matches(tags))
            {
                return series;
            }
        }

        return null;
    }
}
