using System.Text.RegularExpressions;
using Xunit;

namespace ChronicCare.Monitor.Telemetry.Tests;

public sealed partial class MonitorMeterTests
{
    [Fact]
    public void CreateExporter_NothingRecordedYet_CountersPrimedAtZeroAndBuildInfoOne()
    {
        using var meter = new MonitorMeter("1.2.3");
        using var exporter = meter.CreateExporter();

        var page = exporter.Scrape();

        Assert.Contains("\nchroniccare_events_consumed_total 0\n", page, StringComparison.Ordinal);
        Assert.Contains("\nchroniccare_dead_letters_total 0\n", page, StringComparison.Ordinal);
        foreach (var outcome in new[] { "applied", "replayed", "dead_letter" })
        {
            Assert.Contains($"\nchroniccare_events_processed_total{{outcome=\"{outcome}\"}} 0\n", page, StringComparison.Ordinal);
        }

        Assert.Matches(@"\nchroniccare_build_info\{runtime=""\.NET [^""]+"",version=""1\.2\.3""\} 1\n", page);
    }

    [Fact]
    public void Scrape_EveryRecordingMethodUsed_OnlyFamiliesOfMetricNamesWithTheirLabels()
    {
        using var meter = new MonitorMeter("1.0.0");
        using var exporter = meter.CreateExporter();

        meter.Consumed(10);
        meter.Processed(7, 2, 1);
        meter.DeadLettered(1);
        meter.AlertsPublished("R05", "high", "open", 3);
        meter.ActionsPublished("SUSPEND", 1);
        meter.BatchProcessed(TimeSpan.FromMilliseconds(30));
        meter.AlertLatency(TimeSpan.FromSeconds(-1));
        meter.StoreCall("redis", "save_partition_state", TimeSpan.FromMilliseconds(2));
        meter.ReportLag([new(1, 40), new(0, 5)]);
        meter.ObserveBreaker("redis", () => BreakerPosition.Open);
        meter.HttpRequest("/api/alerts/{id}", "GET", 200);
        meter.TriageDecision("confirm", "recorded");
        var page = exporter.Scrape();

        var families = TypeLine().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(MetricNames.All.Order(StringComparer.Ordinal), families);
        Assert.Contains("chroniccare_events_processed_total{outcome=\"applied\"} 7\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_alerts_total{rule=\"R05\",severity=\"high\",status=\"open\"} 3\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_actions_total{kind=\"SUSPEND\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_consumer_lag{partition=\"0\"} 5\nchroniccare_consumer_lag{partition=\"1\"} 40\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_breaker_state{store=\"redis\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_http_requests_total{code=\"200\",method=\"GET\",route=\"/api/alerts/{id}\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_produce_to_alert_latency_seconds_bucket{le=\"0.005\"} 1\n", page, StringComparison.Ordinal); // skew counts as 0
        Assert.Contains("chroniccare_store_call_duration_seconds_bucket{operation=\"save_partition_state\",store=\"redis\",le=\"0.0025\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_processing_duration_seconds_bucket{le=\"+Inf\"} 1\n", page, StringComparison.Ordinal);

        var labels = LabelName().Matches(page).Select(m => m.Groups[1].Value).Where(l => l != "le").Distinct();
        var declared = typeof(MetricLabels).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(labels, l => Assert.Contains(l, declared));
    }

    [Fact]
    public void ReportLag_PartitionNoLongerOwned_DisappearsFromTheNextScrape()
    {
        using var meter = new MonitorMeter("1.0.0");
        using var exporter = meter.CreateExporter();

        meter.ReportLag([new(0, 5), new(3, 1)]);
        _ = exporter.Scrape();
        meter.ReportLag([new(0, 0)]);
        var page = exporter.Scrape();

        Assert.Contains("chroniccare_consumer_lag{partition=\"0\"} 0\n", page, StringComparison.Ordinal);
        Assert.DoesNotContain("partition=\"3\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"[{,]([a-z_]+)=""")]
    private static partial Regex LabelName();
}
