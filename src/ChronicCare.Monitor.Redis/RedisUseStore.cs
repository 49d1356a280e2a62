using System.Globalization;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Streaming.Uses;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Redis;

/// <summary>
/// The shared card and presenter indexes as Redis sorted sets. A member spells the whole use (time, settlement,
/// patient, facility, partition), so adding the same use twice (a replay) changes nothing and a reversal removes
/// exactly it. Writes and reads go in pipelined batches.
/// </summary>
public sealed class RedisUseStore : ISharedUseStore
{
    private const char Separator = '\u001f';
    private readonly IDatabase _db;
    private readonly RedisNames _names;

    public RedisUseStore(IConnectionMultiplexer redis, string group)
    {
        _db = redis.GetDatabase();
        _names = new RedisNames(group);
    }

    public async Task WriteAsync(IReadOnlyList<PartitionedUseChange> changes, long pruneBeforeTicks, CancellationToken ct)
    {
        var batch = _db.CreateBatch();
        var tasks = new List<Task>(changes.Count * 2);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in changes)
        {
            var key = _names.Uses(c.Kind, c.Key);
            var member = Member(c.Use);
            tasks.Add(c.Removed
                ? batch.SortedSetRemoveAsync(key, member)
                : batch.SortedSetAddAsync(key, member, c.Use.Use.UtcTicks));
            if (pruneBeforeTicks != long.MinValue && keys.Add(key))
            {
                tasks.Add(batch.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, pruneBeforeTicks, Exclude.Stop));
            }
        }

        batch.Execute();
        await Task.WhenAll(tasks).WaitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>> ReadAsync(IReadOnlyCollection<(UseKind Kind, string Key)> keys, CancellationToken ct)
    {
        var batch = _db.CreateBatch();
        var reads = keys.Select(k => (k, batch.SortedSetRangeByRankAsync(_names.Uses(k.Kind, k.Key)))).ToList();
        batch.Execute();
        await Task.WhenAll(reads.Select(r => r.Item2)).WaitAsync(ct).ConfigureAwait(false);
        var result = new Dictionary<(UseKind Kind, string Key), IReadOnlyList<PartitionedUse>>(reads.Count);
        foreach (var (key, read) in reads)
        {
            var members = read.Result;
            if (members.Length > 0)
            {
                result[key] = members.Select(m => Parse(m!)).ToList();
            }
        }

        return result;
    }

    internal static string Member(PartitionedUse u) => string.Join(
        Separator,
        u.Use.UtcTicks.ToString(CultureInfo.InvariantCulture),
        u.Use.SettlementId,
        u.Use.PatientId,
        u.Use.FacilityId,
        u.Partition.ToString(CultureInfo.InvariantCulture));

    internal static PartitionedUse Parse(string member)
    {
        var f = member.Split(Separator);
        if (f.Length != 5)
        {
            throw new FormatException("a shared-use member must have 5 fields");
        }

        return new PartitionedUse(
            new SharedUse(long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3]),
            int.Parse(f[4], CultureInfo.InvariantCulture));
    }
}
