using System.Globalization;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Redis;

/// <summary>Connects to Redis at HOST:PORT. Reconnects on its own after an outage (the client library does); calls fail fast meanwhile.</summary>
public static class RedisConnection
{
    public static ConnectionMultiplexer Connect(string hostPort)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = 2000,
            SyncTimeout = 5000,
            ConnectRetry = 2,
            KeepAlive = 5,
            ClientName = "chroniccare",
        };
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new ArgumentException($"--redis must be HOST:PORT, got '{hostPort}'", nameof(hostPort));
        }

        options.EndPoints.Add(hostPort[..colon], port);
        return ConnectionMultiplexer.Connect(options);
    }
}
