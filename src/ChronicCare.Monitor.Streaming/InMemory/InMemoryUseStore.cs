using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Streaming.Uses;

namespace ChronicCare.Monitor.Streaming.InMemory;

/// <summary>The shared card/presenter indexes in memory: the stage-test driver's stand-in for Redis.</summary>
public sealed class InMemoryUseStore : ISharedUseStore
{
    private readonly Dictionary<(UseKind, string), Dictionary<string, PartitionedUse>> _keys = [];
    private readonly Lock _gate = new();

    public Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> WriteAsync(IReadOnlyList<PartitionedUseChange> changes, long pruneBeforeTicks, CancellationToken ct)
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

        var named = new Dictionary<(UseKind Kind, string Key), string>();
        foreach (var c in changes)
        {
            named.TryAdd((c.Kind, c.Key), c.Use.Use.PatientId);
        }

        return ReadAsync(named, ct);
    }

    public Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> ReadAsync(IReadOnlyDictionary<(UseKind Kind, string Key), string> keys, CancellationToken ct)
    {
        lock (_gate)
        {
            var result = new Dictionary<(UseKind Kind, string Key), KeyUses>();
            foreach (var (k, patient) in keys)
            {
                if (_keys.TryGetValue(k, out var uses) && uses.Count > 0)
                {
                    // The same shortcut as the Redis store, so stage tests go through the same paths.
                    result[k] = uses.Values.All(u => string.Equals(u.Use.PatientId, patient, StringComparison.Ordinal))
                        ? KeyUses.Only(patient)
                        : KeyUses.All(uses.Values.ToList());
                }
            }

            return Task.FromResult<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>>(result);
        }
    }
}
