using System.Net;
using System.Net.Sockets;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Cli.Serving.Api;
using ChronicCare.Monitor.Cli.Serving.Integrity;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Cli.Serving.Pages;
using ChronicCare.Monitor.Cli.Serving.Triage;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>
/// The web host of <c>serve</c>: Kestrel, the triage API under <c>/api</c> and the page under <c>/triage</c>, over an
/// open analytics store. Started in-process by the command and by the tests alike.
/// </summary>
internal sealed class TriageServer : IAsyncDisposable
{
    /// <summary>A decision or a log-in is a few hundred bytes: larger bodies are refused by Kestrel.</summary>
    private const long MaxBody = 64 * 1024;

    private readonly WebApplication _app;
    private readonly TriageService _triage;
    private readonly DecisionSink _sink;
    private PrometheusTextExporter? _exporter;

    private TriageServer(WebApplication app, TriageService triage, DecisionSink sink, Uri address)
    {
        _app = app;
        _triage = triage;
        _sink = sink;
        Address = address;
    }

    private PrometheusTextExporter? Exporter
    {
        init => _exporter = value;
    }

    /// <summary>The root the server answers on (<c>http://host:port/</c>), with the port Kestrel chose for port 0.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Builds and starts the server. With a <paramref name="meter"/>, requests (by route template, never a filled-in
    /// id) and triage decisions are counted and <c>/metrics</c> serves them in the Prometheus text format, without a key
    /// (it names no patient, key or user); null serves no metrics.
    /// </summary>
    public static async Task<TriageServer> StartAsync(ServeSetup setup, IAnalyticsStore store, TimeProvider time, TextWriter log,
        MonitorMeter? meter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(setup);
        setup.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "chroniccare",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Kestrel's and ASP.NET Core's own logs name request paths, and action ids name patients: warnings only.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning)

            // It warns that keys are stored unencrypted: they are kept in memory only (InMemoryKeyRepository).
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
            .AddProvider(new LineLoggerProvider(log, LogLevel.Information, time));
        builder.WebHost.UseUrls($"http://{UrlHost(setup.Host)}:{setup.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBody;
        });
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "chroniccare_af";
            o.Cookie.Path = ServeRoutes.Page;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
        });

        // Antiforgery tokens need keys; in memory, so nothing lands in the home directory. A restart only makes an
        // open form stale (the page says so); the log-in cookie holds the key itself and survives it.
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new InMemoryKeyRepository());

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChronicCare.serve");
        var sink = new DecisionSink(store, setup.Kafka, setup.EventsTopic);
        var triage = new TriageService(store, setup.Roster, time, sink, logger, meter);
        var reads = new TriageReads(store, new IntegrityReader(store, setup.Integrity, time));

        app.Use(SecurityHeaders);
        if (meter is not null)
        {
            app.Use(next => context => Counted(context, next, meter));
        }

        app.Use(next => context => Guarded(context, next, logger));
        app.Use(next => KeyAuthentication.Middleware(setup.Keys, next));
        app.MapGet("/", () => Results.Redirect(ServeRoutes.Page));
        ApiEndpoints.Map(app, reads, triage);
        PageEndpoints.Map(app, reads, triage, setup.Keys, app.Services.GetRequiredService<IAntiforgery>());

        var exporter = meter is null ? null : new PrometheusTextExporter(meter.Meter);
        if (exporter is not null)
        {
            app.MapPrometheusMetrics(exporter);
        }

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            triage.Dispose();
            sink.Dispose();
            exporter?.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        ServeLog.Listening(logger, address.ToString(), store.Describe, setup.Keys.Count);
        return new TriageServer(app, triage, sink, address) { Exporter = exporter };
    }

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _triage.Dispose();
        _sink.Dispose();
        _exporter?.Dispose();
    }

    /// <summary>Counts the request by its route template once it is answered (the endpoint, when one matched, names the template).</summary>
    private static async Task Counted(HttpContext context, RequestDelegate next, MonitorMeter meter)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            // The method too is a bounded label: anyone may send any method name, and each would be a series forever.
            var method = context.Request.Method is "GET" or "POST" or "HEAD" ? context.Request.Method : "other";
            meter.HttpRequest(route.StartsWith('/') ? route : "/" + route, method, context.Response.StatusCode);
        }
    }

    /// <summary>IPv6 literals go in brackets in a URL; anything else as given (Kestrel binds names like <c>localhost</c> itself).</summary>
    private static string UrlHost(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;

    /// <summary>
    /// Every answer may name a patient: never cached, never sniffed, never sent as a referrer; the page loads nothing
    /// from elsewhere, runs no script and cannot be framed.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return next();
    }

    /// <summary>
    /// An unexpected failure is one log line naming the exception's type (its message might quote a subject id) and a
    /// problem answer: 503 when the store did not answer, else 500.
    /// </summary>
    private static async Task Guarded(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the server's last line of defence: a request fails, the server goes on
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
#pragma warning restore CA1031
        {
            ServeLog.RequestFailed(logger, e.GetType().Name);
            var storeDown = e is ClickHouseException;
            context.Response.Clear();
            await Results.Problem(
                    detail: storeDown ? "the analytics store did not answer; try again" : "unexpected error; the server log names its type",
                    statusCode: storeDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError)
                .ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
