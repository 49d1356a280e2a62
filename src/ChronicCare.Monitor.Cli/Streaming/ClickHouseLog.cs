using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Streaming;

/// <summary>`run`'s log line about the ClickHouse sink, so an operator sees where the analytics tables are.</summary>
internal static partial class ClickHouseLog
{
    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "clickhouse: tables {Database}.alerts and {Database}.actions ready at {Server}")]
    public static partial void Ready(ILogger log, string database, string server);
}
