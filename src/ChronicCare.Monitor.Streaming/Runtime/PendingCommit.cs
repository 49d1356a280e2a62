using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.State;
using ChronicCare.Monitor.Streaming.State;
using ChronicCare.Monitor.Streaming.Uses;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// A commit in progress. Its phases run in order and each is done once: a store failure leaves the commit here,
/// and the next attempt resumes at the phase that failed (the engine is never flushed twice for one batch).
/// </summary>
internal sealed class PendingCommit
{
    public required List<PartitionWorker> Workers { get; init; }

    public required List<PartitionedUseChange> UseChanges { get; init; }

    public bool Synced { get; set; }

    public bool Flushed { get; set; }

    /// <summary>The reference position the flush evaluated against (saved with the state).</summary>
    public ReferencePosition Reference { get; set; } = ReferencePosition.None;

    /// <summary>Per partition: the records this commit emits, saved with the partition's state.</summary>
    public Dictionary<int, OutboxBuilder> Outboxes { get; } = [];

    /// <summary>Per partition: the offset to store and the blobs of the patients the flush evaluated.</summary>
    public Dictionary<int, (long Offset, List<KeyValuePair<string, byte[]>> Patients)> Saves { get; } = [];
}

/// <summary>One partition's outbox while a commit fills it.</summary>
internal sealed class OutboxBuilder
{
    public List<Alert> Alerts { get; } = [];

    public List<IntegrityAction> Actions { get; } = [];

    public List<DeadLetter> DeadLetters { get; } = [];

    public HashSet<string> Rechecks { get; } = new(StringComparer.Ordinal);

    /// <summary>Kafka timestamp (Unix ms) of the earliest record of the batch these records came from; 0 when unknown.</summary>
    public long EarliestEventMs { get; set; }

    public bool IsEmpty => Alerts.Count == 0 && Actions.Count == 0 && DeadLetters.Count == 0 && Rechecks.Count == 0;

    public Outbox Build() => new(Alerts, Actions, DeadLetters, Rechecks.Order(StringComparer.Ordinal).ToList());
}
