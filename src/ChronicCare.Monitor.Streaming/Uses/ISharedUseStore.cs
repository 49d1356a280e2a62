using ChronicCare.Monitor.Engine;

namespace ChronicCare.Monitor.Streaming.Uses;

/// <summary>A shared use with the input partition of its patient, so a change can be routed to whoever owns that patient.</summary>
public readonly record struct PartitionedUse(SharedUse Use, int Partition);

/// <summary>A use added or removed, with its patient's partition.</summary>
public readonly record struct PartitionedUseChange(UseKind Kind, string Key, PartitionedUse Use, bool Removed);

/// <summary>
/// The seam to the card and presenter indexes shared by every partition (Redis sorted sets when scaled). R05's
/// travel check and R14 look across patients, and patients are spread over partitions and processes.
/// </summary>
public interface ISharedUseStore
{
    /// <summary>
    /// Adds and removes uses (idempotently: replays write the same members), drops uses older than the cut-off
    /// (<see cref="long.MinValue"/>: none), and returns the written keys' uses as they are after the write.
    /// </summary>
    Task<IReadOnlyDictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>> WriteAsync(IReadOnlyList<PartitionedUseChange> changes, long pruneBeforeTicks, CancellationToken ct);

    /// <summary>The current uses of each key (every partition's).</summary>
    Task<IReadOnlyDictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>> ReadAsync(IReadOnlyCollection<(UseKind Kind, string Key)> keys, CancellationToken ct);
}
