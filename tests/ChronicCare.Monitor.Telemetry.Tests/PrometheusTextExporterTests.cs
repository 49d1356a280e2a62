using System.Diagnostics.Metrics;
using Xunit;

namespace ChronicCare.Monitor.Telemetry.Tests;

public sealed class PrometheusTextExporterTests : IDisposable
{
    // A meter per test: the exporter listens to this instance only, so tests running side by side do not mix.
    private readonly Meter _meter = new("ChronicCare.Monitor");

    public void Dispose() => _meter.Dispose();

    [Fact]
    public void Scrape_UnlabelledCounter_HelpTypeAndSum()
    {
        var counter = _meter.CreateCounter<long>("test_events_total", description: "Events read.");
        using var exporter = new PrometheusTextExporter(_meter);

        counter.Add(2);
        counter.Add(3);

        Assert.Equal("# HELP test_events_total Events read.\n# TYPE test_events_total counter\ntest_events_total 5\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_LabelledCounter_OneSeriesPerLabelSetSortedByLabels()
    {
        var counter = _meter.CreateCounter<long>("test_alerts_total", description: "Alerts.");
        using var exporter = new PrometheusTextExporter(_meter);

        counter.Add(1, new("severity", "high"), new("rule", "R05"));
        counter.Add(4, new("rule", "R01"), new("severity", "low"));
        counter.Add(2, new("rule", "R05"), new("severity", "high")); // the same set, tags in another order

        Assert.Equal(
            "# HELP test_alerts_total Alerts.\n# TYPE test_alerts_total counter\n"
            + "test_alerts_total{rule=\"R01\",severity=\"low\"} 4\n"
            + "test_alerts_total{rule=\"R05\",severity=\"high\"} 3\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_Histogram_CumulativeBucketsInfSumAndCount()
    {
        var histogram = _meter.CreateHistogram("test_duration_seconds", "s", "Durations.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 1, 2.5] });
        using var exporter = new PrometheusTextExporter(_meter);

        foreach (var v in new[] { 0.125, 0.25, 0.5, 2, 7 })
        {
            histogram.Record(v, new KeyValuePair<string, object?>("store", "redis"));
        }

        Assert.Equal(
            "# HELP test_duration_seconds Durations.\n# TYPE test_duration_seconds histogram\n"
            + "test_duration_seconds_bucket{store=\"redis\",le=\"0.25\"} 2\n" // 0.25 itself is "le" 0.25
            + "test_duration_seconds_bucket{store=\"redis\",le=\"1\"} 3\n"
            + "test_duration_seconds_bucket{store=\"redis\",le=\"2.5\"} 4\n"
            + "test_duration_seconds_bucket{store=\"redis\",le=\"+Inf\"} 5\n"
            + "test_duration_seconds_sum{store=\"redis\"} 9.875\n"
            + "test_duration_seconds_count{store=\"redis\"} 5\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_HistogramWithoutLabels_LeIsTheOnlyLabel()
    {
        var histogram = _meter.CreateHistogram("test_batch_seconds", "s", "Batches.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 1] });
        using var exporter = new PrometheusTextExporter(_meter);

        histogram.Record(0.0001);

        Assert.Equal(
            "# HELP test_batch_seconds Batches.\n# TYPE test_batch_seconds histogram\n"
            + "test_batch_seconds_bucket{le=\"0.0005\"} 1\ntest_batch_seconds_bucket{le=\"1\"} 1\ntest_batch_seconds_bucket{le=\"+Inf\"} 1\n"
            + "test_batch_seconds_sum 0.0001\ntest_batch_seconds_count 1\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_ObservableGauge_ValuesTakenAtEachScrapeAndVanishedSetsDropped()
    {
        var lag = new Dictionary<string, long> { ["0"] = 7, ["1"] = 0 };
        _meter.CreateObservableGauge("test_lag", () => lag.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("partition", p.Key))).ToArray(), description: "Lag.");
        using var exporter = new PrometheusTextExporter(_meter);

        var first = exporter.Scrape();
        lag.Remove("0");
        lag["1"] = 12;
        var second = exporter.Scrape();

        Assert.Equal("# HELP test_lag Lag.\n# TYPE test_lag gauge\ntest_lag{partition=\"0\"} 7\ntest_lag{partition=\"1\"} 0\n", first);
        Assert.Equal("# HELP test_lag Lag.\n# TYPE test_lag gauge\ntest_lag{partition=\"1\"} 12\n", second);
    }

    [Fact]
    public void Scrape_SpecialCharactersInLabelValueAndHelp_Escaped()
    {
        var counter = _meter.CreateCounter<long>("test_odd_total", description: "A \"quoted\" help\nwith a back\\slash.");
        using var exporter = new PrometheusTextExporter(_meter);

        counter.Add(1, new KeyValuePair<string, object?>("operation", "say \"hi\"\nC:\\dir"));

        Assert.Equal(
            "# HELP test_odd_total A \"quoted\" help\\nwith a back\\\\slash.\n# TYPE test_odd_total counter\n"
            + "test_odd_total{operation=\"say \\\"hi\\\"\\nC:\\\\dir\"} 1\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_SeveralFamilies_OrderedByNameWithNumericLabelsInvariant()
    {
        var b = _meter.CreateCounter<long>("test_b_total", description: "B.");
        var a = _meter.CreateUpDownCounter<double>("test_a", description: "A.");
        using var exporter = new PrometheusTextExporter(_meter);

        b.Add(1, new KeyValuePair<string, object?>("code", 200));
        a.Add(1.5);
        a.Add(-0.25);

        Assert.Equal(
            "# HELP test_a A.\n# TYPE test_a gauge\ntest_a 1.25\n# HELP test_b_total B.\n# TYPE test_b_total counter\ntest_b_total{code=\"200\"} 1\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_InstrumentOfAnotherMeterWithTheSameName_NotExported()
    {
        using var other = new Meter("ChronicCare.Monitor");
        var foreign = other.CreateCounter<long>("test_foreign_total");
        using var exporter = new PrometheusTextExporter(_meter);

        foreign.Add(1);

        Assert.Equal(string.Empty, exporter.Scrape());
    }

    [Fact]
    public void Record_ManyThreadsIncrementing_ExactTotals()
    {
        var counter = _meter.CreateCounter<long>("test_busy_total", description: "Busy.");
        var histogram = _meter.CreateHistogram("test_busy_seconds", "s", "Busy.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        using var exporter = new PrometheusTextExporter(_meter);
        const int Threads = 8;
        const int Each = 50_000;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = 0; i < Each; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("outcome", t % 2 == 0 ? "applied" : "replayed"));
                histogram.Record(0.5);
            }
        });

        var page = exporter.Scrape();
        Assert.Contains("test_busy_total{outcome=\"applied\"} 200000\n", page, StringComparison.Ordinal);
        Assert.Contains("test_busy_total{outcome=\"replayed\"} 200000\n", page, StringComparison.Ordinal);
        Assert.Contains("test_busy_seconds_count 400000\n", page, StringComparison.Ordinal);
        Assert.Contains("test_busy_seconds_sum 200000\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_InstrumentCreatedAfterTheExporter_Exported()
    {
        using var exporter = new PrometheusTextExporter(_meter);
        var late = _meter.CreateCounter<int>("test_late_total", description: "Late.");

        late.Add(3);

        Assert.Equal("# HELP test_late_total Late.\n# TYPE test_late_total counter\ntest_late_total 3\n", exporter.Scrape());
    }
}
