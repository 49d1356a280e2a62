using System.Net;
using System.Net.Sockets;
using Xunit;

namespace ChronicCare.Monitor.Telemetry.Tests;

public sealed class MetricsServerTests
{
    [Fact]
    public async Task StartAsync_GetMetrics_ServesTheScrapeAsPrometheusText()
    {
        using var meter = new MonitorMeter("9.9.9");
        using var exporter = meter.CreateExporter();
        meter.Consumed(42);
        await using var server = await MetricsServer.StartAsync(exporter, "127.0.0.1", 0, CancellationToken.None);
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.Address);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("/metrics", server.Address.AbsolutePath);
        Assert.Contains("\nchroniccare_events_consumed_total 42\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OtherPath_NotFound()
    {
        using var meter = new MonitorMeter("9.9.9");
        using var exporter = meter.CreateExporter();
        await using var server = await MetricsServer.StartAsync(exporter, "127.0.0.1", 0, CancellationToken.None);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.Address, "/other"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsIOException()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var meter = new MonitorMeter("9.9.9");
        using var exporter = meter.CreateExporter();

        await Assert.ThrowsAnyAsync<IOException>(() => MetricsServer.StartAsync(exporter, "127.0.0.1", port, CancellationToken.None));
    }

    [Fact]
    public void ParseHost_HostName_ArgumentException()
    {
        Assert.Equal(IPAddress.Any, MetricsServer.ParseHost("0.0.0.0"));
        Assert.Null(MetricsServer.ParseHost("localhost"));
        Assert.Throws<ArgumentException>(() => MetricsServer.ParseHost("metrics.example"));
    }
}
