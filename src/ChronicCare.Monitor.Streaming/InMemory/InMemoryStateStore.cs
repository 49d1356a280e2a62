using ChronicCare.Monitor.Streaming.State;

namespace ChronicCare.Monitor.Streaming.InMemory;

/// <summary>The state store in memory: the stage-test driver's stand-in for Redis, with the same fencing.</summary>
public sealed class InMemoryStateStore : IPartitionStateStore
{
    private readonly Dictionary<int, Stored> _partitions = [];
    private readonly Lock _gate = new();

    /// <summary>When set, every call throws it (a store that is down).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, the next save is applied and then throws, as a call whose reply never arrives (once).</summary>
    public bool LoseNextReply { get; set; }

    public Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct)
    {
        lock (_gate)
        {
            ThrowIfDown();
            if (!_partitions.TryGetValue(partition, out var p))
            {
                p = new Stored();
                _partitions[partition] = p;
            }

            p.Epoch++;
            return Task.FromResult(new PartitionSnapshot(p.Offset, p.Patients.Values.ToList(), p.Outbox, p.Reference, p.Epoch));
        }
    }

    public Task<bool> SaveAsync(int partition, long epoch, long expectedOffset, PartitionSave save, CancellationToken ct)
    {
        lock (_gate)
        {
            ThrowIfDown();
            var current = _partitions.TryGetValue(partition, out var p) ? p : new Stored();
            if (current.Epoch == epoch && current.Offset == save.Offset && current.Offset != expectedOffset)
            {
                // The retry of a save that landed although its reply was lost.
                return Task.FromResult(true);
            }

            if (current.Epoch != epoch || current.Offset != expectedOffset)
            {
                return Task.FromResult(false);
            }

            foreach (var (id, blob) in save.Patients)
            {
                current.Patients[id] = blob;
            }

            current.Offset = save.Offset;
            current.Outbox = save.Outbox.Length == 0 ? null : save.Outbox;
            current.Reference = save.Reference;
            _partitions[partition] = current;
            if (LoseNextReply)
            {
                LoseNextReply = false;
                throw new TimeoutException("the save landed but its reply was lost");
            }

            return Task.FromResult(true);
        }
    }

    public Task ClearOutboxAsync(int partition, long epoch, long offset, CancellationToken ct)
    {
        lock (_gate)
        {
            ThrowIfDown();
            if (_partitions.TryGetValue(partition, out var p) && p.Epoch == epoch && p.Offset == offset)
            {
                p.Outbox = null;
            }

            return Task.CompletedTask;
        }
    }

    private void ThrowIfDown()
    {
        if (Failure is { } e)
        {
            throw e;
        }
    }

    private sealed class Stored
    {
        public long Offset { get; set; } = -1;

        public Dictionary<string, byte[]> Patients { get; } = new(StringComparer.Ordinal);

        public byte[]? Outbox { get; set; }

        public ReferencePosition Reference { get; set; } = ReferencePosition.None;

        public long Epoch { get; set; }
    }
}
