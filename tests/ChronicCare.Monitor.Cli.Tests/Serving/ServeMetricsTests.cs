using System.Net;
using ChronicCare.Monitor.Streaming.Tests.Support;
using ChronicCare.Monitor.Telemetry;
using Xunit;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// <c>serve</c>'s <c>/metrics</c>: requests counted by route template (never a filled-in alert id), triage decisions by
/// decision and outcome, no key needed to scrape, and `promtool check metrics` accepts the page.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ServeMetricsTests(ServeWorld world)
{
    [Fact]
    public async Task Metrics_AfterReadsAndDecisions_CountsByRouteAndDecisionWithoutIds()
    {
        await using var host = await world.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/api/alerts/R02:S1", TestKeys.Viewer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/alerts", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync("/api/alerts/R02:S1/decision", TestKeys.Reviewer, """{"decision":"confirm","note":"病历核实"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostAsync("/api/alerts/R02:S2/decision", TestKeys.Reviewer, """{"decision":"confirm","finding":"fraud","note":"x"}""")).StatusCode);

        using (var odd = new HttpRequestMessage(new HttpMethod("FOO1"), "/api/alerts"))
        {
            await host.Client.SendAsync(odd);
        }

        // Routing ignores case, and so does the key check.
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/API/alerts", TestKeys.Viewer)).StatusCode);

        var response = await host.GetAsync("/metrics", null);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{MetricNames.HttpRequests}{{code=\"200\",method=\"GET\",route=\"/api/alerts/{{id}}\"}} 1", page, StringComparison.Ordinal);
        Assert.Contains($"{MetricNames.HttpRequests}{{code=\"401\",method=\"GET\",route=\"/api/alerts\"}} 1", page, StringComparison.Ordinal);
        Assert.Contains($"{MetricNames.HttpRequests}{{code=\"403\",method=\"POST\",route=\"/api/alerts/{{id}}/decision\"}} 1", page, StringComparison.Ordinal);
        Assert.Contains($"{MetricNames.TriageDecisions}{{decision=\"confirm\",outcome=\"recorded\"}} 1", page, StringComparison.Ordinal);
        Assert.Contains($"{MetricNames.TriageDecisions}{{decision=\"confirm\",outcome=\"refused\"}} 1", page, StringComparison.Ordinal);
        Assert.Contains("method=\"other\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("FOO1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("S1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("P0001", page, StringComparison.Ordinal);
        Assert.DoesNotContain("reviewer.demo", page, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Reviewer, page, StringComparison.Ordinal);

        Promtool.AssertAccepts(page);
    }
}
