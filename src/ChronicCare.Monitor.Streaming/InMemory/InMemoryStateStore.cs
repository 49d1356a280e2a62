using ChronicCare.Monitor.Streaming.State;

namespace ChronicCare.Monitor.Streaming.InMemory;

/// <summary>The state store in memory: the stage-test driver's stand-in for Redis, with the same fencing.</summary>
public sealed class InMemoryStateStore : IPartitionStateStore
{
    private readonly Dictionary<int, (long Offset, Dictionary<string, byte[]> Patients)> _partitions = [];
    private readonly Lock _gate = new();

    /// <summary>When set, every call throws it (a store that is down).</summary>
    public Exception? Failure { get; set; }

    public Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct)
    {
        lock (_gate)
        {
            ThrowIfDown();
            return Task.FromResult(_partitions.TryGetValue(partition, out var p)
                ? new PartitionSnapshot(p.Offset, p.Patients.Values.ToList())
                : PartitionSnapshot.Empty);
        }
    }

    public Task<bool> SaveAsync(int partition, long expectedOffset, long newOffset, IReadOnlyList<KeyValuePair<string, byte[]>> patients, CancellationToken ct)
    {
        lock (_gate)
        {
            ThrowIfDown();
            var current = _partitions.TryGetValue(partition, out var p) ? p : (-1, new Dictionary<string, byte[]>(StringComparer.Ordinal));
            if (current.Offset != expectedOffset)
            {
                return Task.FromResult(false);
            }

            foreach (var (id, blob) in patients)
            {
                current.Item2[id] = blob;
            }

            _partitions[partition] = (newOffset, current.Item2);
            return Task.FromResult(true);
        }
    }

    private void ThrowIfDown()
    {
        if (Failure is { } e)
        {
            throw e;
        }
    }
}
