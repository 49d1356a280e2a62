using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>GET /metrics on any ASP.NET Core host: `run`'s own small one (<see cref="MetricsServer"/>) and `serve`'s API.</summary>
public static class PrometheusEndpoint
{
    public const string DefaultPattern = "/metrics";

    /// <summary>Maps GET <paramref name="pattern"/> to a scrape of <paramref name="exporter"/>, in the text format 0.0.4.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, PrometheusTextExporter exporter, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(exporter);

        // A plain RequestDelegate: no minimal-API binding to generate for a handler that takes nothing.
        return endpoints.MapGet(pattern, context =>
        {
            context.Response.ContentType = PrometheusTextExporter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(exporter.Scrape(), context.RequestAborted);
        });
    }
}
