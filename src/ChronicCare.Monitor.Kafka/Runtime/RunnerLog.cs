using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>`run`'s log lines, in one place: readiness, pauses, status. Counts only, never patient or presenter ids.</summary>
internal static partial class RunnerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "reference loaded: {Records} records")]
    public static partial void ReferenceLoaded(ILogger log, long records);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "ready: consuming {Topic} in group {Group}")]
    public static partial void Started(ILogger log, string topic, string group);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "paused: {Reason}; consumption stopped until the store answers")]
    public static partial void Paused(ILogger log, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "resumed: the store answers again")]
    public static partial void Resumed(ILogger log);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "status: {Partitions} partitions, {Events} events applied ({Rate:0} ev/s), {Alerts} alert records, {Actions} action records, {DeadLetters} dead letters, {Commits} commits")]
    public static partial void Status(ILogger log, int partitions, long events, double rate, long alerts, long actions, long deadLetters, long commits);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "idle for {Seconds} s with everything committed: stopping")]
    public static partial void Idle(ILogger log, double seconds);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "stopped: {Events} events applied, {Commits} commits")]
    public static partial void Stopped(ILogger log, long events, long commits);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "drain at shutdown did not complete: the uncommitted events will be replayed by the next owner")]
    public static partial void DrainIncomplete(ILogger log);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "kafka: {Code} {Reason}")]
    public static partial void KafkaError(ILogger log, string code, string reason);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "offset commit to Kafka failed (state and offsets are safe in the store): {Reason}")]
    public static partial void CommitFailed(ILogger log, string reason);
}
