using ChronicCare.Monitor.Streaming.Runtime;
using ChronicCare.Monitor.Telemetry;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Runtime;

/// <summary>The store pipeline's metrics: every attempt timed under its operation, the breaker's state exported.</summary>
public sealed class StoreResilienceMetricsTests
{
    [Fact]
    public async Task Call_FailsTwiceThenSucceeds_EachAttemptTimedUnderTheOperation()
    {
        using var meter = new MonitorMeter("test");
        using var exporter = meter.CreateExporter();
        var pipeline = StoreResilience.Create(TimeProvider.System, metrics: meter, store: "redis");
        var attempts = 0;

        var result = await pipeline.Call("save partition state", _ => ++attempts < 3 ? throw new IOException("down") : Task.FromResult(attempts), CancellationToken.None);

        Assert.Equal(3, result);
        Assert.Contains("chroniccare_store_call_duration_seconds_count{operation=\"save_partition_state\",store=\"redis\"} 3\n", exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_StoreStaysDown_BreakerOpenIsExported()
    {
        using var meter = new MonitorMeter("test");
        using var exporter = meter.CreateExporter();
        var pipeline = StoreResilience.Create(TimeProvider.System, TimeSpan.FromMinutes(1), meter, "redis");
        Assert.Contains("chroniccare_breaker_state{store=\"redis\"} 0\n", exporter.Scrape(), StringComparison.Ordinal);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => pipeline.Call("load partition state", _ => Task.FromException<bool>(new IOException("down")), CancellationToken.None));

        var page = exporter.Scrape();
        Assert.Contains("chroniccare_breaker_state{store=\"redis\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("chroniccare_store_call_duration_seconds_count{operation=\"load_partition_state\",store=\"redis\"} 4\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_PublishOutputs_NotCountedAsAStoreCall()
    {
        using var meter = new MonitorMeter("test");
        using var exporter = meter.CreateExporter();
        var pipeline = StoreResilience.Create(TimeProvider.System, metrics: meter);

        await pipeline.Call(StoreResilience.PublishOutputs, _ => Task.CompletedTask, CancellationToken.None);

        Assert.DoesNotContain("chroniccare_store_call_duration_seconds", exporter.Scrape(), StringComparison.Ordinal);
    }
}
