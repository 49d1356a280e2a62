using System.Globalization;
using ChronicCare.Monitor.Streaming.State;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Redis;

/// <summary>
/// Per-patient state by partition in one Redis hash each. A save writes the patients' blobs, the offset they
/// include, the commit's outbox and the reference position in one Lua script, so Redis applies all or nothing, and
/// only if the stored offset is the one the writer last saw (a fence against a process that lost the partition
/// while it was paused).
/// </summary>
public sealed class RedisStateStore : IPartitionStateStore
{
    // ARGV: expected offset, new offset, outbox ('' = none), reference position, then field/blob pairs.
    private const string SaveScript = """
        local cur = redis.call('HGET', KEYS[1], '~offset')
        if cur == false then cur = '-1' end
        if cur ~= ARGV[1] then return 0 end
        for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        if ARGV[3] == '' then redis.call('HDEL', KEYS[1], '~outbox') else redis.call('HSET', KEYS[1], '~outbox', ARGV[3]) end
        redis.call('HSET', KEYS[1], '~ref', ARGV[4])
        redis.call('HSET', KEYS[1], '~offset', ARGV[2])
        return 1
        """;

    private readonly IDatabase _db;
    private readonly RedisNames _names;

    public RedisStateStore(IConnectionMultiplexer redis, string group)
    {
        _db = redis.GetDatabase();
        _names = new RedisNames(group);
    }

    public Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct) => Task.Run(
        () =>
        {
            var offset = -1L;
            var reference = 0L;
            byte[]? outbox = null;
            var patients = new List<byte[]>();
            foreach (var entry in _db.HashScan(_names.State(partition), pageSize: 1000))
            {
                ct.ThrowIfCancellationRequested();
                switch ((string?)entry.Name)
                {
                    case RedisNames.OffsetField:
                        offset = long.Parse((string)entry.Value!, CultureInfo.InvariantCulture);
                        break;
                    case RedisNames.ReferenceField:
                        reference = long.Parse((string)entry.Value!, CultureInfo.InvariantCulture);
                        break;
                    case RedisNames.OutboxField:
                        outbox = (byte[])entry.Value!;
                        break;
                    case { } field when field.StartsWith(RedisNames.PatientPrefix, StringComparison.Ordinal):
                        patients.Add((byte[])entry.Value!);
                        break;
                }
            }

            return new PartitionSnapshot(offset, patients, outbox, reference);
        },
        ct);

    public async Task<bool> SaveAsync(int partition, long expectedOffset, PartitionSave save, CancellationToken ct)
    {
        var args = new RedisValue[4 + (2 * save.Patients.Count)];
        args[0] = expectedOffset.ToString(CultureInfo.InvariantCulture);
        args[1] = save.Offset.ToString(CultureInfo.InvariantCulture);
        args[2] = save.Outbox;
        args[3] = save.ReferencePosition.ToString(CultureInfo.InvariantCulture);
        var i = 4;
        foreach (var (id, blob) in save.Patients)
        {
            args[i++] = RedisNames.PatientPrefix + id;
            args[i++] = blob;
        }

        var result = await _db.ScriptEvaluateAsync(SaveScript, [_names.State(partition)], args).WaitAsync(ct).ConfigureAwait(false);
        return (int)result == 1;
    }
}
