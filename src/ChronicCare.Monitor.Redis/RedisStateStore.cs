using System.Globalization;
using ChronicCare.Monitor.Streaming.State;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Redis;

/// <summary>
/// Per-patient state by partition in one Redis hash each. A save writes the patients' blobs, the offset they
/// include, the commit's outbox and the reference position in one Lua script, so Redis applies all or nothing, and
/// only if the owner epoch is the one the writer claimed on load and the stored offset the one it last saw (a fence
/// against a process that lost the partition, even before it is told). A retry of a save that landed although its
/// reply was lost (a timeout, a shutdown mid-call) finds its own offset under its own epoch and is accepted as done.
/// </summary>
public sealed class RedisStateStore : IPartitionStateStore
{
    // ARGV: epoch, expected offset, new offset, outbox ('' = none), reference position, then field/blob pairs.
    private const string SaveScript = """
        if redis.call('HGET', KEYS[1], '~epoch') ~= ARGV[1] then return 0 end
        local cur = redis.call('HGET', KEYS[1], '~offset')
        if cur == false then cur = '-1' end
        if cur == ARGV[3] and cur ~= ARGV[2] then return 1 end
        if cur ~= ARGV[2] then return 0 end
        for i = 6, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        if ARGV[4] == '' then redis.call('HDEL', KEYS[1], '~outbox') else redis.call('HSET', KEYS[1], '~outbox', ARGV[4]) end
        redis.call('HSET', KEYS[1], '~ref', ARGV[5])
        redis.call('HSET', KEYS[1], '~offset', ARGV[3])
        return 1
        """;

    // ARGV: epoch, offset. Forgets the outbox only if nobody saved since.
    private const string ClearOutboxScript = """
        if redis.call('HGET', KEYS[1], '~epoch') == ARGV[1] and redis.call('HGET', KEYS[1], '~offset') == ARGV[2] then
          redis.call('HDEL', KEYS[1], '~outbox')
        end
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
            // Claim first: from here on a save by an earlier owner (even one not yet told it lost the partition) fails.
            var epoch = _db.HashIncrement(_names.State(partition), RedisNames.EpochField);
            var offset = -1L;
            var reference = ReferencePosition.None;
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
                        reference = ReferencePosition.Parse(entry.Value);
                        break;
                    case RedisNames.OutboxField:
                        outbox = (byte[])entry.Value!;
                        break;
                    case { } field when field.StartsWith(RedisNames.PatientPrefix, StringComparison.Ordinal):
                        patients.Add((byte[])entry.Value!);
                        break;
                }
            }

            return new PartitionSnapshot(offset, patients, outbox, reference, epoch);
        },
        ct);

    public async Task<bool> SaveAsync(int partition, long epoch, long expectedOffset, PartitionSave save, CancellationToken ct)
    {
        var args = new RedisValue[5 + (2 * save.Patients.Count)];
        args[0] = epoch.ToString(CultureInfo.InvariantCulture);
        args[1] = expectedOffset.ToString(CultureInfo.InvariantCulture);
        args[2] = save.Offset.ToString(CultureInfo.InvariantCulture);
        args[3] = save.Outbox;
        args[4] = save.Reference.Format();
        var i = 5;
        foreach (var (id, blob) in save.Patients)
        {
            args[i++] = RedisNames.PatientPrefix + id;
            args[i++] = blob;
        }

        var result = await _db.ScriptEvaluateAsync(SaveScript, [_names.State(partition)], args).WaitAsync(ct).ConfigureAwait(false);
        return (int)result == 1;
    }

    public Task ClearOutboxAsync(int partition, long epoch, long offset, CancellationToken ct) =>
        _db.ScriptEvaluateAsync(ClearOutboxScript, [_names.State(partition)], [epoch.ToString(CultureInfo.InvariantCulture), offset.ToString(CultureInfo.InvariantCulture)]).WaitAsync(ct);
}
