using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// A minimal Kestrel host serving only GET /metrics, for a process that has no web host of its own (`run`). Empty
/// builder: no configuration files, environment URLs or console logging of its own, so it neither reads nor prints
/// anything the command does not say.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the page is, e.g. http://127.0.0.1:9464/metrics (the bound port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>
    /// Listens on <paramref name="host"/> (an IP address, or <c>localhost</c>) and <paramref name="port"/> (0: any free
    /// port). Throws <see cref="IOException"/> when the address cannot be bound (in use, not local).
    /// </summary>
    public static async Task<MetricsServer> StartAsync(PrometheusTextExporter exporter, string host, int port, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var ip = ParseHost(host);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            if (ip is null)
            {
                k.ListenLocalhost(port);
            }
            else
            {
                k.Listen(ip, port);
            }
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        var app = builder.Build();
        app.MapPrometheusMetrics(exporter);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{host}:{port}";
        return new MetricsServer(app, new Uri(new Uri(bound), PrometheusEndpoint.DefaultPattern));
    }

    /// <summary>The address to bind, null for localhost (both loopbacks); an <see cref="ArgumentException"/> for anything else.</summary>
    public static IPAddress? ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? null
        : IPAddress.TryParse(host, out var ip) ? ip
        : throw new ArgumentException($"--metrics-host must be an IP address (127.0.0.1, 0.0.0.0, ::) or localhost, not '{host}'");

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
