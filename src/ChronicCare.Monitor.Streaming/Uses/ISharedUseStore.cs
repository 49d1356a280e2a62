using ChronicCare.Monitor.Engine;

namespace ChronicCare.Monitor.Streaming.Uses;

/// <summary>A shared use with the input partition of its patient, so a change can be routed to whoever owns that patient.</summary>
public readonly record struct PartitionedUse(SharedUse Use, int Partition);

/// <summary>A use added or removed, with its patient's partition.</summary>
public readonly record struct PartitionedUseChange(UseKind Kind, string Key, PartitionedUse Use, bool Removed);

/// <summary>
/// The uses of one key as a store returns them: every use, or only the fact that they all belong to the patient the
/// caller named (<see cref="OnlyPatient"/>). That patient's engine holds those uses itself, and most keys are one
/// patient's own card or presenter: the shortcut spares moving and parsing a patient's own history on every commit.
/// </summary>
public readonly record struct KeyUses(IReadOnlyList<PartitionedUse> Uses, string? OnlyPatient)
{
    public static KeyUses All(IReadOnlyList<PartitionedUse> uses) => new(uses, null);

    public static KeyUses Only(string patientId) => new([], patientId);
}

/// <summary>
/// The seam to the card and presenter indexes shared by every partition (Redis sorted sets when scaled). R05's
/// travel check and R14 look across patients, and patients are spread over partitions and processes.
/// </summary>
public interface ISharedUseStore
{
    /// <summary>
    /// Adds and removes uses (idempotently: replays write the same members), drops uses older than the cut-off
    /// (<see cref="long.MinValue"/>: none), and returns the written keys' uses as they are after the write (the
    /// patient named for the shortcut is the first change's). A key with no use left is absent from the result.
    /// </summary>
    Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> WriteAsync(IReadOnlyList<PartitionedUseChange> changes, long pruneBeforeTicks, CancellationToken ct);

    /// <summary>The current uses of each key (every partition's), each key with the patient named for the shortcut; a key with no use is absent.</summary>
    Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> ReadAsync(IReadOnlyDictionary<(UseKind Kind, string Key), string> keys, CancellationToken ct);
}
