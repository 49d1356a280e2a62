namespace ChronicCare.Monitor.Streaming.State;

/// <summary>
/// What a partition's durable state holds: the offset of the last event it includes, every patient's blob, the
/// outbox of its last commit (records saved for publishing; null when none), the reference position its patients
/// were evaluated against, and the owner epoch the load claimed (a save must carry it).
/// </summary>
public sealed record PartitionSnapshot(long Offset, IReadOnlyList<byte[]> Patients, byte[]? Outbox, ReferencePosition Reference, long Epoch);

/// <summary>One commit's write of a partition: the new offset, the evaluated patients' blobs, the outbox and the reference position.</summary>
public sealed record PartitionSave(long Offset, IReadOnlyList<KeyValuePair<string, byte[]>> Patients, byte[] Outbox, ReferencePosition Reference);

/// <summary>
/// The seam to the per-patient state store (Redis when scaled, memory in stage tests). State is kept by input
/// partition: the patients of one partition, plus the offset of the last event their state includes, so that a
/// replay after a crash skips what was already applied, plus the outbox of records to publish.
/// </summary>
public interface IPartitionStateStore
{
    /// <summary>Loads the partition and claims it: the stored owner epoch is incremented and returned, so a save by any earlier owner is refused from now on.</summary>
    Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct);

    /// <summary>
    /// Writes the save atomically (patients, offset, outbox and reference position together), only if the owner
    /// epoch is still <paramref name="epoch"/> and the stored offset <paramref name="expectedOffset"/> (a fence: a
    /// process that lost the partition, even one not yet told, must not overwrite the new owner's state). False when fenced.
    /// A retry of a save that already landed (same epoch, stored offset already <see cref="PartitionSave.Offset"/>) is true.
    /// </summary>
    Task<bool> SaveAsync(int partition, long epoch, long expectedOffset, PartitionSave save, CancellationToken ct);

    /// <summary>Forgets the stored outbox once published, if the state is still the one saved at <paramref name="offset"/> by <paramref name="epoch"/>.</summary>
    Task ClearOutboxAsync(int partition, long epoch, long offset, CancellationToken ct);
}
