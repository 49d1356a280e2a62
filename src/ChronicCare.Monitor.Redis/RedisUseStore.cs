using System.Globalization;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Streaming.Uses;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Redis;

/// <summary>
/// The shared card and presenter indexes as Redis sorted sets. A member spells the whole use (time, settlement,
/// patient, facility, partition), so adding the same use twice (a replay) changes nothing and a reversal removes
/// exactly it. A commit's writes and reads go in a few Lua calls of up to <see cref="Chunk"/> keys: each key is
/// written and read back in one atomic step, and per-command client overhead (most of the cost with many small
/// commands) is paid once per chunk.
/// </summary>
public sealed class RedisUseStore : ISharedUseStore
{
    private const char Separator = '\u001f';
    private const int Chunk = 512;
    private const string OnlyMarker = "=";

    // Both scripts answer per key with its members, or with the single marker '=' (never a member: members have five
    // fields) when every member is the named patient's (the KeyUses shortcut). A member is ticks, settlement, patient, facility, partition joined by \31.
    private const string OnlyFunction = """
        local function uses(key, patient)
          local members = redis.call('ZRANGE', key, 0, -1)
          if #members == 0 then return members end
          for _, m in ipairs(members) do
            local a = string.find(m, '\31', 1, true)
            local b = string.find(m, '\31', a + 1, true)
            local c = string.find(m, '\31', b + 1, true)
            if string.sub(m, b + 1, c - 1) ~= patient then return members end
          end
          return {'='}
        end
        """;

    // ARGV[1]: prune cut-off ('' = none); ARGV[2]: time to live in ms ('' = none); then per key: the named
    // patient, adds, removes, the added and removed members.
    private const string WriteScript = OnlyFunction + "\n" + """
        local cutoff = ARGV[1]
        local ttl = ARGV[2]
        local pos = 3
        local out = {}
        for i, key in ipairs(KEYS) do
          local patient = ARGV[pos]; local adds = tonumber(ARGV[pos + 1]); local rems = tonumber(ARGV[pos + 2]); pos = pos + 3
          for j = 1, adds do
            local m = ARGV[pos]; pos = pos + 1
            redis.call('ZADD', key, tonumber(string.sub(m, 1, string.find(m, '\31', 1, true) - 1)), m)
          end
          for j = 1, rems do redis.call('ZREM', key, ARGV[pos]); pos = pos + 1 end
          if cutoff ~= '' then redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. cutoff) end
          if ttl ~= '' then redis.call('PEXPIRE', key, ttl) end
          out[i] = uses(key, patient)
        end
        return out
        """;

    // ARGV[i]: the named patient of KEYS[i].
    private const string ReadScript = OnlyFunction + "\n" + """
        local out = {}
        for i, key in ipairs(KEYS) do out[i] = uses(key, ARGV[i]) end
        return out
        """;

    private readonly IDatabase _db;
    private readonly RedisNames _names;

    private readonly TimeSpan? _keyTtl;

    /// <param name="keyTtl">
    /// How long a key lives after its last write (null: forever). A card or presenter not used for longer than the
    /// allowed lateness plus the R14 window can matter to no event still accepted, so its key need not stay.
    /// </param>
    public RedisUseStore(IConnectionMultiplexer redis, string group, TimeSpan? keyTtl = null)
    {
        _db = redis.GetDatabase();
        _names = new RedisNames(group);
        _keyTtl = keyTtl;
    }

    public async Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> WriteAsync(IReadOnlyList<PartitionedUseChange> changes, long pruneBeforeTicks, CancellationToken ct)
    {
        var byKey = new Dictionary<(UseKind Kind, string Key), (string Patient, List<string> Adds, List<string> Removes)>();
        foreach (var c in changes)
        {
            if (!byKey.TryGetValue((c.Kind, c.Key), out var lists))
            {
                lists = (c.Use.Use.PatientId, [], []);
                byKey[(c.Kind, c.Key)] = lists;
            }

            (c.Removed ? lists.Removes : lists.Adds).Add(Member(c.Use));
        }

        var cutoff = pruneBeforeTicks == long.MinValue ? string.Empty : pruneBeforeTicks.ToString(CultureInfo.InvariantCulture);
        var ttl = _keyTtl is { } keep ? ((long)keep.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : string.Empty;

        // Every chunk is sent before the first reply is awaited: Redis runs one while the next is encoded.
        var calls = byKey.Chunk(Chunk).Select(chunk =>
        {
            var args = new List<RedisValue> { cutoff, ttl };
            foreach (var (_, (patient, adds, removes)) in chunk)
            {
                args.Add(patient);
                args.Add(adds.Count);
                args.Add(removes.Count);
                args.AddRange(adds.Select(m => (RedisValue)m));
                args.AddRange(removes.Select(m => (RedisValue)m));
            }

            var keys = chunk.Select(kv => (kv.Key, kv.Value.Patient)).ToList();
            return ((IReadOnlyList<((UseKind Kind, string Key) Key, string Patient)>)keys, _db.ScriptEvaluateAsync(WriteScript, keys.Select(k => (RedisKey)_names.Uses(k.Key.Kind, k.Key.Key)).ToArray(), [.. args]));
        }).ToList();
        return await CollectAsync(calls, byKey.Count, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> ReadAsync(IReadOnlyDictionary<(UseKind Kind, string Key), string> keys, CancellationToken ct)
    {
        var calls = keys.Select(kv => (kv.Key, Patient: kv.Value)).Chunk(Chunk)
            .Select(chunk => (
                (IReadOnlyList<((UseKind Kind, string Key) Key, string Patient)>)chunk,
                _db.ScriptEvaluateAsync(ReadScript, chunk.Select(k => (RedisKey)_names.Uses(k.Key.Kind, k.Key.Key)).ToArray(), chunk.Select(k => (RedisValue)k.Patient).ToArray())))
            .ToList();
        return await CollectAsync(calls, keys.Count, ct).ConfigureAwait(false);
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

    private static async Task<IReadOnlyDictionary<(UseKind Kind, string Key), KeyUses>> CollectAsync(
        List<(IReadOnlyList<((UseKind Kind, string Key) Key, string Patient)> Keys, Task<RedisResult> Reply)> calls, int capacity, CancellationToken ct)
    {
        var into = new Dictionary<(UseKind Kind, string Key), KeyUses>(capacity);
        foreach (var (keys, reply) in calls)
        {
            var lists = (RedisResult[])(await reply.WaitAsync(ct).ConfigureAwait(false))!;
            for (var i = 0; i < keys.Count; i++)
            {
                var members = (string[])lists[i]!;
                if (members is [OnlyMarker])
                {
                    into[keys[i].Key] = KeyUses.Only(keys[i].Patient);
                }
                else if (members.Length > 0)
                {
                    into[keys[i].Key] = KeyUses.All(members.Select(Parse).ToList());
                }
            }
        }

        return into;
    }
}
