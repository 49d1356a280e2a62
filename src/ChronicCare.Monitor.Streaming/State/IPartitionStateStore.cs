namespace ChronicCare.Monitor.Streaming.State;

/// <summary>What a partition's durable state holds: the offset of the last event it includes and every patient's blob.</summary>
public sealed record PartitionSnapshot(long Offset, IReadOnlyList<byte[]> Patients)
{
    /// <summary>No state yet: nothing of the partition applied.</summary>
    public static PartitionSnapshot Empty { get; } = new(-1, []);
}

/// <summary>
/// The seam to the per-patient state store (Redis when scaled, memory in stage tests). State is kept by input
/// partition: the patients of one partition, plus the offset of the last event their state includes, so that a
/// replay after a crash skips what was already applied.
/// </summary>
public interface IPartitionStateStore
{
    Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct);

    /// <summary>
    /// Writes the patients' blobs and the new offset atomically, only if the stored offset is still
    /// <paramref name="expectedOffset"/> (a fence: a process that lost the partition while paused must not overwrite
    /// the new owner's state). False when fenced.
    /// </summary>
    Task<bool> SaveAsync(int partition, long expectedOffset, long newOffset, IReadOnlyList<KeyValuePair<string, byte[]>> patients, CancellationToken ct);
}
