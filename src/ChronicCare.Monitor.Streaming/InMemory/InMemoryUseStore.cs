using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Streaming.Uses;

namespace ChronicCare.Monitor.Streaming.InMemory;

/// <summary>The shared card/presenter indexes in memory: the stage-test driver's stand-in for Redis.</summary>
public sealed class InMemoryUseStore : ISharedUseStore
{
    private readonly Dictionary<(UseKind, string), Dictionary<string, PartitionedUse>> _keys = [];
    private readonly Lock _gate = new();

    public Task<IReadOnlyDictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>> WriteAsync(IReadOnlyList<PartitionedUseChange> changes, long pruneBeforeTicks, CancellationToken ct)
    {
        lock (_gate)
        {
            foreach (var c in changes)
            {
                if (!_keys.TryGetValue((c.Kind, c.Key), out var uses))
                {
                    uses = new Dictionary<string, PartitionedUse>(StringComparer.Ordinal);
                    _keys[(c.Kind, c.Key)] = uses;
                }

                if (c.Removed)
                {
                    uses.Remove(c.Use.Use.SettlementId);
                }
                else
                {
                    uses[c.Use.Use.SettlementId] = c.Use;
                }

                foreach (var old in uses.Where(u => u.Value.Use.UtcTicks < pruneBeforeTicks).Select(u => u.Key).ToList())
                {
                    uses.Remove(old);
                }
            }
        }

        return ReadAsync(changes.Select(c => (c.Kind, c.Key)).ToHashSet(), ct);
    }

    public Task<IReadOnlyDictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>> ReadAsync(IReadOnlyCollection<(UseKind Kind, string Key)> keys, CancellationToken ct)
    {
        lock (_gate)
        {
            var result = new Dictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>();
            foreach (var k in keys)
            {
                if (_keys.TryGetValue(k, out var uses))
                {
                    result[k] = uses.Values.ToList();
                }
            }

            return Task.FromResult<IReadOnlyDictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>>(result);
        }
    }
}
