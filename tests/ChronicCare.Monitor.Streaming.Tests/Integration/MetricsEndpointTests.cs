using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Integration;

/// <summary>
/// `chroniccare run --metrics-port` as a real process (issue 7, must show): its live /metrics page carries the
/// streaming metrics without a personal id among the label values, and `promtool check metrics` accepts it.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChildProcesses.Name)]
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Run_WithMetricsPort_ServesPrometheusTextThatPromtoolAccepts()
    {
        var data = Dataset.Simulated;
        using var stack = StreamStack.Published(data);
        var port = FreePort.Next();
        using var processor = stack.StartProcessor(maxBatch: 200, exitWhenIdleMs: null, extra: ["--metrics-port", port.ToString(CultureInfo.InvariantCulture)]);
        stack.WaitForStored(data.Messages.Count, processor, TimeSpan.FromSeconds(45));

        // The state is stored before the commit's alerts are published and counted: read until they are.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{port}/metrics");
        var (page, contentType) = await ScrapeUntil(http, url, p => AlertSample().IsMatch(p) && LatencyCount().Match(p) is { Success: true } m && m.Groups[1].Value != "0", processor);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        Assert.True(long.Parse(Applied().Match(page).Groups[1].Value, CultureInfo.InvariantCulture) > 0, "no events applied:\n" + page);
        Assert.Matches(@"\nchroniccare_events_consumed_total [1-9]\d*\n", page);
        Assert.Matches(@"\nchroniccare_produce_to_alert_latency_seconds_bucket\{le=""\+Inf""\} [1-9]\d*\n", page);
        Assert.Matches(@"\nchroniccare_processing_duration_seconds_count [1-9]\d*\n", page);
        Assert.Matches(@"\nchroniccare_consumer_lag\{partition=""[0-3]""\} \d+\n", page);
        Assert.Matches(@"\nchroniccare_store_call_duration_seconds_count\{operation=""save_partition_state"",store=""redis""\} [1-9]\d*\n", page);
        Assert.Matches(@"\nchroniccare_breaker_state\{store=""redis""\} 0\n", page);
        Assert.Matches(@"\nchroniccare_build_info\{runtime="".+"",version="".+""\} 1\n", page);

        // No patient, card, presenter, prescriber, facility or settlement id as a label value.
        var ids = IdField().Matches(File.ReadAllText(data.EventsFile)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(ids);
        var values = LabelValue().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.DoesNotContain(v, ids));
        Assert.All(values, v => Assert.DoesNotMatch(@"^(P|C|F|H|D|S|RX)\d{3,}$", v));

        Promtool.AssertAccepts(page);

        processor.Terminate();
        Assert.Equal(0, processor.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    private static async Task<(string Page, string? ContentType)> ScrapeUntil(HttpClient http, Uri url, Func<string, bool> ready, CliProcess processor)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var page = string.Empty;
        while (true)
        {
            using var response = await http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            page = await response.Content.ReadAsStringAsync();
            if (ready(page))
            {
                return (page, response.Content.Headers.ContentType?.ToString());
            }

            if (processor.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/metrics never showed published alerts (exited: {processor.HasExited}):\n{page}\n{CliProcess.Tail(processor.Errors)}");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"\nchroniccare_alerts_total\{rule=""R\d+"",severity=""(high|medium|low)"",status=""(open|withdrawn)""\} [1-9]\d*\n")]
    private static partial Regex AlertSample();

    [GeneratedRegex(@"\nchroniccare_produce_to_alert_latency_seconds_count (\d+)\n")]
    private static partial Regex LatencyCount();

    [GeneratedRegex(@"\nchroniccare_events_processed_total\{outcome=""applied""\} (\d+)\n")]
    private static partial Regex Applied();

    [GeneratedRegex(@"""[a-z_]*_id"":""([^""]+)""")]
    private static partial Regex IdField();

    [GeneratedRegex(@"[{,][a-zA-Z_]+=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelValue();
}
