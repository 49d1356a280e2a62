namespace ChronicCare.Monitor.Streaming.State;

/// <summary>
/// What a partition's durable state holds: the offset of the last event it includes, every patient's blob, the
/// outbox of its last commit (records saved for publishing; null when none) and the reference position its
/// patients were evaluated against.
/// </summary>
public sealed record PartitionSnapshot(long Offset, IReadOnlyList<byte[]> Patients, byte[]? Outbox, long ReferencePosition)
{
    /// <summary>No state yet: nothing of the partition applied.</summary>
    public static PartitionSnapshot Empty { get; } = new(-1, [], null, 0);
}

/// <summary>One commit's write of a partition: the new offset, the evaluated patients' blobs, the outbox and the reference position.</summary>
public sealed record PartitionSave(long Offset, IReadOnlyList<KeyValuePair<string, byte[]>> Patients, byte[] Outbox, long ReferencePosition);

/// <summary>
/// The seam to the per-patient state store (Redis when scaled, memory in stage tests). State is kept by input
/// partition: the patients of one partition, plus the offset of the last event their state includes, so that a
/// replay after a crash skips what was already applied, plus the outbox of records to publish.
/// </summary>
public interface IPartitionStateStore
{
    Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct);

    /// <summary>
    /// Writes the save atomically (patients, offset, outbox and reference position together), only if the stored
    /// offset is still <paramref name="expectedOffset"/> (a fence: a process that lost the partition while paused
    /// must not overwrite the new owner's state). False when fenced.
    /// </summary>
    Task<bool> SaveAsync(int partition, long expectedOffset, PartitionSave save, CancellationToken ct);
}
