using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Redis;
using ChronicCare.Monitor.Streaming.State;
using ChronicCare.Monitor.Streaming.Tests.Support;
using ChronicCare.Monitor.Streaming.Uses;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Redis;

/// <summary>The Redis adapters against a real `redis-server`.</summary>
[Trait("Category", "Integration")]
public sealed class RedisStoresTests : IDisposable
{
    private readonly RedisServer _server = new();
    private readonly StackExchange.Redis.ConnectionMultiplexer _redis;

    public RedisStoresTests()
    {
        _redis = RedisConnection.Connect(_server.HostPort);
    }

    [Fact]
    public async Task SaveAsync_ExpectedOffsetMatches_WritesBlobsAndOffsetTogether()
    {
        var store = new RedisStateStore(_redis, "g");

        Assert.True(await store.SaveAsync(2, -1, new PartitionSave(41, [new("P1", [1, 2, 3]), new("P2", [4])], [9, 9], 17), CancellationToken.None));
        var snapshot = await store.LoadAsync(2, CancellationToken.None);

        Assert.Equal(41, snapshot.Offset);
        Assert.Equal([[1, 2, 3], [4]], snapshot.Patients.OrderBy(b => b.Length).Reverse().ToList());
        Assert.Equal([9, 9], snapshot.Outbox);
        Assert.Equal(17, snapshot.ReferencePosition);
    }

    [Fact]
    public async Task SaveAsync_EmptyOutbox_RemovesTheStoredOne()
    {
        var store = new RedisStateStore(_redis, "g");
        await store.SaveAsync(1, -1, new PartitionSave(5, [], [1], 0), CancellationToken.None);

        await store.SaveAsync(1, 5, new PartitionSave(6, [], [], 0), CancellationToken.None);

        Assert.Null((await store.LoadAsync(1, CancellationToken.None)).Outbox);
    }

    [Fact]
    public async Task SaveAsync_StoredOffsetMovedOn_IsFencedAndWritesNothing()
    {
        var store = new RedisStateStore(_redis, "g");
        await store.SaveAsync(0, -1, new PartitionSave(10, [new("P1", [1])], [], 0), CancellationToken.None);

        var saved = await store.SaveAsync(0, -1, new PartitionSave(5, [new("P1", [9]), new("P9", [9])], [7], 3), CancellationToken.None);

        Assert.False(saved);
        var snapshot = await store.LoadAsync(0, CancellationToken.None);
        Assert.Equal(10, snapshot.Offset);
        Assert.Equal([1], Assert.Single(snapshot.Patients));
    }

    [Fact]
    public async Task LoadAsync_UnknownPartition_IsEmpty()
    {
        var snapshot = await new RedisStateStore(_redis, "g").LoadAsync(7, CancellationToken.None);

        Assert.Equal(-1, snapshot.Offset);
        Assert.Empty(snapshot.Patients);
    }

    [Fact]
    public async Task WriteAsync_ReplayedAndReversedUses_ReturnsEachUseOnceAndDropsTheReversed()
    {
        var store = new RedisUseStore(_redis, "g");
        var a = Use("S1", "P1", ticks: 1_000, partition: 0);
        var b = Use("S2", "P2", ticks: 2_000, partition: 3);
        await store.WriteAsync([Add(a), Add(b)], long.MinValue, CancellationToken.None);

        var after = await store.WriteAsync([new PartitionedUseChange(UseKind.Presenter, "H1", b, Removed: true), Add(a)], long.MinValue, CancellationToken.None);

        // Named patient P2 (the first change's) no longer uses the key: the answer lists the uses.
        Assert.Null(after[(UseKind.Presenter, "H1")].OnlyPatient);
        Assert.Equal([a], after[(UseKind.Presenter, "H1")].Uses);
        var read = await store.ReadAsync(new Dictionary<(UseKind Kind, string Key), string> { [(UseKind.Presenter, "H1")] = "P2", [(UseKind.Card, "none")] = "P1" }, CancellationToken.None);
        Assert.Equal([a], read[(UseKind.Presenter, "H1")].Uses);
        Assert.False(read.ContainsKey((UseKind.Card, "none")));
    }

    [Fact]
    public async Task ReadAsync_KeyUsedOnlyByTheNamedPatient_AnswersOnlyThatPatient()
    {
        var store = new RedisUseStore(_redis, "g");
        await store.WriteAsync([Add(Use("S1", "P1", 1_000, 0)), Add(Use("S2", "P1", 2_000, 0))], long.MinValue, CancellationToken.None);

        var read = await store.ReadAsync(new Dictionary<(UseKind Kind, string Key), string> { [(UseKind.Presenter, "H1")] = "P1" }, CancellationToken.None);
        var other = await store.ReadAsync(new Dictionary<(UseKind Kind, string Key), string> { [(UseKind.Presenter, "H1")] = "P9" }, CancellationToken.None);

        Assert.Equal("P1", read[(UseKind.Presenter, "H1")].OnlyPatient);
        Assert.Empty(read[(UseKind.Presenter, "H1")].Uses);
        Assert.Null(other[(UseKind.Presenter, "H1")].OnlyPatient);
        Assert.Equal(2, other[(UseKind.Presenter, "H1")].Uses.Count);
    }

    [Fact]
    public async Task WriteAsync_PruneCutoff_DropsOlderUsesOnly()
    {
        var store = new RedisUseStore(_redis, "g");
        var old = Use("S1", "P1", ticks: 638_000_000_000_000_000, partition: 0);
        var recent = Use("S2", "P2", ticks: 639_000_000_000_000_000, partition: 1);
        await store.WriteAsync([Add(old)], long.MinValue, CancellationToken.None);

        var after = await store.WriteAsync([Add(recent)], pruneBeforeTicks: 638_500_000_000_000_000, CancellationToken.None);

        Assert.Equal("P2", after[(UseKind.Presenter, "H1")].OnlyPatient);
    }

    public void Dispose()
    {
        _redis.Dispose();
        _server.Dispose();
    }

    private static PartitionedUse Use(string settlement, string patient, long ticks, int partition) =>
        new(new SharedUse(ticks, settlement, patient, "F1"), partition);

    private static PartitionedUseChange Add(PartitionedUse u) => new(UseKind.Presenter, "H1", u, Removed: false);
}
