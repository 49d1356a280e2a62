using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Streaming;

/// <summary>`run`'s log lines about its /metrics page, so an operator sees where to point Prometheus (or why not).</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "metrics: serving {Address}")]
    public static partial void Serving(ILogger log, Uri address);

    [LoggerMessage(EventId = 231, Level = LogLevel.Warning, Message = "metrics: cannot listen on {Host}:{Port} ({Reason}); running without /metrics (another --metrics-port, or 0 for none)")]
    public static partial void Unavailable(ILogger log, string host, int port, string reason);
}
