using System.Text.RegularExpressions;
using ChronicCare.Monitor.Dashboards.Tests.Support;
using ChronicCare.Monitor.Telemetry;
using Xunit;
using static ChronicCare.Monitor.Dashboards.Tests.Support.GrafanaDashboard;

namespace ChronicCare.Monitor.Dashboards.Tests;

/// <summary>
/// Every Prometheus query names only series the monitor exports (<see cref="MetricNames.All"/>, a histogram through its
/// _bucket, _sum and _count series), only labels those series carry, and only Grafana's own ranges, never a fixed one.
/// </summary>
public sealed partial class PromQlPanelTests
{
    public static TheoryData<string> Queries() =>
        [.. All.SelectMany(d => d.Panels).SelectMany(p => p.Targets).Where(t => t.DatasourceUid == "prometheus").Select(t => t.Key)];

    [Fact]
    public void PipelineHealth_IsAPrometheusDashboard_CoveringTheRequiredSignals()
    {
        var exprs = ByUid(PipelineUid).Panels.SelectMany(p => p.Targets).Select(t => t.Expr ?? "").ToList();
        Assert.NotEmpty(exprs);
        foreach (var metric in new[]
        {
            MetricNames.EventsProcessed, MetricNames.EventsConsumed, MetricNames.DeadLetters, MetricNames.ProcessingDuration + "_bucket",
            MetricNames.ProduceToAlertLatency + "_bucket", MetricNames.ConsumerLag, MetricNames.BreakerState, MetricNames.StoreCallDuration + "_bucket",
        })
        {
            Assert.Contains(exprs, e => PromQl.Identifiers(e).Contains(metric));
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Expr_NamesOnlyExportedSeries(string key)
    {
        var expr = Target(key).Expr!;
        var identifiers = PromQl.Identifiers(expr);

        Assert.NotEmpty(identifiers);
        Assert.All(identifiers, id => Assert.True(PromQl.Series.Contains(id), $"{key}: '{id}' is not a series the monitor exports (nor PromQL's own word)"));
        Assert.All(PromQl.ChronicCareWords(expr), w => Assert.True(PromQl.Series.Contains(w), $"{key}: '{w}' is not an exported series"));
        Assert.All(identifiers.Where(id => id.EndsWith("_bucket", StringComparison.Ordinal)), _ =>
            Assert.Contains("histogram_quantile(", expr, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Expr_UsesKnownLabelsAndGrafanasRanges(string key)
    {
        var expr = Target(key).Expr!;
        Assert.All(PromQl.LabelNames(expr), l => Assert.True(PromQl.Labels.Contains(l), $"{key}: label '{l}' is on no exported series"));
        Assert.All(PromQl.RangeSelectors(expr), r => Assert.True(GrafanaRange().IsMatch(r), $"{key}: range [{r}] is fixed, not Grafana's $__rate_interval or $__range"));
        Assert.Contains("instance=~\"$instance\"", expr, StringComparison.Ordinal);
    }

    [Fact]
    public void InstanceVariable_ListsTheInstancesOfAnExportedSeries()
    {
        var v = ByUid(PipelineUid).Variable("instance")!;
        Assert.Equal("prometheus", (string?)v["datasource"]?["uid"]);
        var query = (string?)v["query"]?["query"] ?? (string?)v["query"];
        var m = LabelValues().Match(query ?? "");
        Assert.True(m.Success, $"instance variable query '{query}' is not label_values(metric, label)");
        Assert.Contains(m.Groups["metric"].Value, PromQl.Series);
        Assert.Equal("instance", m.Groups["label"].Value);
        Assert.Equal(".*", (string?)v["allValue"]);
    }

    [Theory]
    [InlineData("sum(rate(chroniccare_events_processed_total{instance=~\"$instance\"}[$__rate_interval])) by (outcome)", new[] { "chroniccare_events_processed_total" })]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(chroniccare_produce_to_alert_latency_seconds_bucket[5m])))", new[] { "chroniccare_produce_to_alert_latency_seconds_bucket" })]
    [InlineData("sum(up{job=\"x\"}) / clamp_min(count(process_cpu_seconds_total offset 1h), 1e-9)", new[] { "up", "process_cpu_seconds_total" })]
    [InlineData("rate(chroniccare_event_processed_total[1m]) * on (instance) group_left (version) chroniccare_build_info", new[] { "chroniccare_event_processed_total", "chroniccare_build_info" })]
    public void Identifiers_FindTheMetricNamesOnly(string expr, string[] expected)
    {
        Assert.Equal(expected, PromQl.Identifiers(expr));
    }

    [Fact]
    public void Series_HistogramsOnlyThroughTheirSuffixes()
    {
        Assert.Contains(MetricNames.ProcessingDuration + "_bucket", PromQl.Series);
        Assert.DoesNotContain(MetricNames.ProcessingDuration, PromQl.Series);
        Assert.Contains(MetricNames.DeadLetters, PromQl.Series);
        Assert.DoesNotContain(MetricNames.DeadLetters + "_bucket", PromQl.Series);
        Assert.Subset(MetricNames.All.ToHashSet(StringComparer.Ordinal), PromQl.Histograms.ToHashSet(StringComparer.Ordinal));
    }

    private static GrafanaTarget Target(string key) => All.SelectMany(d => d.Panels).SelectMany(p => p.Targets).Single(t => t.Key == key);

    [GeneratedRegex(@"^\$(__rate_interval|__interval|__range)$")]
    private static partial Regex GrafanaRange();

    [GeneratedRegex(@"^label_values\(\s*(?<metric>[A-Za-z_:][A-Za-z0-9_:]*)\s*(\{[^}]*\})?\s*,\s*(?<label>\w+)\s*\)$")]
    private static partial Regex LabelValues();
}
