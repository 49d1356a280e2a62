using ChronicCare.Monitor.Streaming.Runtime;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Kafka;

/// <summary>
/// Client settings shared by every producer and consumer of the monitor. The partitioner is Java's murmur2 so
/// that a patient's events, whoever produces them (our `produce`, the runtime's rechecks, a Java upstream), land
/// on the same partition.
/// </summary>
internal static class KafkaSettings
{
    /// <summary>Header marking the runtime's internal recheck records on the events topic.</summary>
    public const string InternalHeader = "chroniccare-internal";

    /// <summary>The header value of a triage decision (<c>chroniccare triage --kafka</c>).</summary>
    public const string ReviewHeaderValue = "review";

    /// <summary>The kind an internal header names; an unknown value is treated as a contract event (and so judged strictly).</summary>
    public static InternalRecord InternalKind(string value) => value switch
    {
        "recheck" => InternalRecord.Recheck,
        ReviewHeaderValue => InternalRecord.Review,
        _ => InternalRecord.None,
    };

    public static ProducerConfig Producer(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = 1,
        BatchNumMessages = 10_000,
        QueueBufferingMaxMessages = 500_000,
        Partitioner = Partitioner.Murmur2Random,
        MessageTimeoutMs = 120_000,
    };

    public static ConsumerConfig Consumer(string bootstrap, string group) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = group,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        SessionTimeoutMs = 6_000,
        HeartbeatIntervalMs = 1_000,
        MaxPollIntervalMs = 300_000,
        FetchWaitMaxMs = 50,
        QueuedMaxMessagesKbytes = 32_768,
    };
}
