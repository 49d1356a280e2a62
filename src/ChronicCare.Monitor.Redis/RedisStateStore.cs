using System.Globalization;
using ChronicCare.Monitor.Streaming.State;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Redis;

/// <summary>
/// Per-patient state by partition in one Redis hash each. A save writes the patients' blobs and the offset they
/// include in one Lua script, so Redis applies both or neither, and only if the stored offset is the one the
/// writer last saw (a fence against a process that lost the partition while it was paused).
/// </summary>
public sealed class RedisStateStore : IPartitionStateStore
{
    private const string SaveScript = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        if cur == false then cur = '-1' end
        if cur ~= ARGV[2] then return 0 end
        for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        return 1
        """;

    private readonly IDatabase _db;
    private readonly RedisNames _names;

    public RedisStateStore(IConnectionMultiplexer redis, string group)
    {
        _db = redis.GetDatabase();
        _names = new RedisNames(group);
    }

    public Task<PartitionSnapshot> LoadAsync(int partition, CancellationToken ct) => Task.Run(() =>
    {
        var offset = -1L;
        var patients = new List<byte[]>();
        foreach (var entry in _db.HashScan(_names.State(partition), pageSize: 1000))
        {
            ct.ThrowIfCancellationRequested();
            var field = (string?)entry.Name;
            if (field == RedisNames.OffsetField)
            {
                offset = long.Parse((string)entry.Value!, CultureInfo.InvariantCulture);
            }
            else if (field?.StartsWith(RedisNames.PatientPrefix, StringComparison.Ordinal) == true)
            {
                patients.Add((byte[])entry.Value!);
            }
        }

        return new PartitionSnapshot(offset, patients);
    }, ct);

    public async Task<bool> SaveAsync(int partition, long expectedOffset, long newOffset, IReadOnlyList<KeyValuePair<string, byte[]>> patients, CancellationToken ct)
    {
        var args = new RedisValue[3 + (2 * patients.Count)];
        args[0] = RedisNames.OffsetField;
        args[1] = expectedOffset.ToString(CultureInfo.InvariantCulture);
        args[2] = newOffset.ToString(CultureInfo.InvariantCulture);
        var i = 3;
        foreach (var (id, blob) in patients)
        {
            args[i++] = RedisNames.PatientPrefix + id;
            args[i++] = blob;
        }

        var result = await _db.ScriptEvaluateAsync(SaveScript, [_names.State(partition)], args).ConfigureAwait(false);
        return (int)result == 1;
    }
}
