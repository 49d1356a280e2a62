using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.ClickHouse;

/// <summary><see cref="ClickHouseHttp"/>'s failures when there is no ClickHouse to answer: one exception type, bounded waits.</summary>
public sealed class ClickHouseHttpTests
{
    [Fact]
    public async Task ExecuteAsync_ServerAcceptsButNeverAnswers_ThrowsWithinTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new ClickHouseHttp(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<ClickHouseException>(() => http.ExecuteAsync("SELECT 1", CancellationToken.None));

        Assert.Contains("did not answer within 0.3 s", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_ThrowsOperationCanceledNotClickHouseException()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new ClickHouseHttp(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.ExecuteAsync("SELECT 1", cts.Token));
    }

    [Fact]
    public async Task FlushAsync_NothingBuffered_SendsNothing()
    {
        using var down = new ClickHouseHttp(new Uri($"http://127.0.0.1:{FreePort.Next()}"), TimeSpan.FromSeconds(5));

        await new ClickHouseOutput(down, ClickHouseOptions.DefaultDatabase).FlushAsync(CancellationToken.None);
    }

    [Fact]
    public void Server_UrlWithPasswordInQuery_IsNotShown()
    {
        using var http = new ClickHouseHttp(new Uri("http://127.0.0.1:8123/?user=monitor&password=secret"), TimeSpan.FromSeconds(1));

        Assert.Equal("http://127.0.0.1:8123", http.Server);
    }
}
