using ChronicCare.Monitor.Telemetry;

namespace ChronicCare.Monitor.Cli.Streaming;

/// <summary>`run`'s /metrics page: port 0 = none; loopback by default, <c>0.0.0.0</c> in a container Prometheus scrapes from outside.</summary>
internal sealed record MetricsEndpointOptions(string Host, int Port)
{
    public const int DefaultPort = 9464;
    public const string DefaultHost = "127.0.0.1";

    public bool Enabled => Port != 0;

    public MetricsEndpointOptions Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException("--metrics-port must be between 0 (no metrics) and 65535");
        }

        _ = MetricsServer.ParseHost(Host);
        return this;
    }
}
