using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>The runtime's log lines, in one place. No patient or presenter ids: partitions, offsets and counts only.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "partition {Partition} assigned: {Patients} patients loaded, resuming after offset {Offset}")]
    public static partial void Assigned(ILogger log, int partition, int patients, long offset);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "partition {Partition} revoked: {Uncommitted} uncommitted events left to the next owner")]
    public static partial void Revoked(ILogger log, int partition, long uncommitted);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "partition {Partition} fenced: another process wrote its state; dropping it")]
    public static partial void Fenced(ILogger log, int partition);
}
