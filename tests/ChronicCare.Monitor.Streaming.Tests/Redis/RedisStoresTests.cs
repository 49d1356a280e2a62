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

    private static readonly ReferencePosition Ref = new(new Dictionary<int, long> { [0] = 17, [1] = 3 });

    [Fact]
    public async Task SaveAsync_EpochAndOffsetMatch_WritesBlobsOffsetOutboxAndReferenceTogether()
    {
        var store = new RedisStateStore(_redis, "g");
        var claim = await store.LoadAsync(2, CancellationToken.None);

        Assert.True(await store.SaveAsync(2, claim.Epoch, -1, new PartitionSave(41, [new("P1", [1, 2, 3]), new("P2", [4])], [9, 9], Ref), CancellationToken.None));
        var snapshot = await store.LoadAsync(2, CancellationToken.None);

        Assert.Equal(41, snapshot.Offset);
        Assert.Equal([[1, 2, 3], [4]], snapshot.Patients.OrderBy(b => b.Length).Reverse().ToList());
        Assert.Equal([9, 9], snapshot.Outbox);
        Assert.Equal(Ref.Format(), snapshot.Reference.Format());
        Assert.Equal(claim.Epoch + 1, snapshot.Epoch);
    }

    [Fact]
    public async Task SaveAsync_EmptyOutbox_RemovesTheStoredOne()
    {
        var store = new RedisStateStore(_redis, "g");
        var claim = await store.LoadAsync(1, CancellationToken.None);
        await store.SaveAsync(1, claim.Epoch, -1, new PartitionSave(5, [], [1], Ref), CancellationToken.None);

        await store.SaveAsync(1, claim.Epoch, 5, new PartitionSave(6, [], [], Ref), CancellationToken.None);

        Assert.Null((await store.LoadAsync(1, CancellationToken.None)).Outbox);
    }

    [Fact]
    public async Task ClearOutboxAsync_SavedOverSince_KeepsTheNewerOutbox()
    {
        var store = new RedisStateStore(_redis, "g");
        var claim = await store.LoadAsync(3, CancellationToken.None);
        await store.SaveAsync(3, claim.Epoch, -1, new PartitionSave(5, [], [1], Ref), CancellationToken.None);
        await store.SaveAsync(3, claim.Epoch, 5, new PartitionSave(6, [], [2], Ref), CancellationToken.None);

        await store.ClearOutboxAsync(3, claim.Epoch, 5, CancellationToken.None);
        Assert.Equal([2], (await store.LoadAsync(3, CancellationToken.None)).Outbox);

        var again = await store.LoadAsync(3, CancellationToken.None);
        await store.ClearOutboxAsync(3, again.Epoch, 6, CancellationToken.None);
        Assert.Null((await store.LoadAsync(3, CancellationToken.None)).Outbox);
    }

    [Fact]
    public async Task SaveAsync_StoredOffsetMovedOn_IsFencedAndWritesNothing()
    {
        var store = new RedisStateStore(_redis, "g");
        var claim = await store.LoadAsync(0, CancellationToken.None);
        await store.SaveAsync(0, claim.Epoch, -1, new PartitionSave(10, [new("P1", [1])], [], Ref), CancellationToken.None);

        var saved = await store.SaveAsync(0, claim.Epoch, -1, new PartitionSave(5, [new("P1", [9]), new("P9", [9])], [7], Ref), CancellationToken.None);

        Assert.False(saved);
        var snapshot = await store.LoadAsync(0, CancellationToken.None);
        Assert.Equal(10, snapshot.Offset);
        Assert.Equal([1], Assert.Single(snapshot.Patients));
    }

    [Fact]
    public async Task SaveAsync_RetryOfASaveThatLanded_IsAcceptedAndAnOlderClaimStillFenced()
    {
        var store = new RedisStateStore(_redis, "g");
        var claim = await store.LoadAsync(4, CancellationToken.None);
        var save = new PartitionSave(10, [new("P1", [1])], [], Ref);
        await store.SaveAsync(4, claim.Epoch, -1, save, CancellationToken.None);

        // The same call again (its first reply was lost): it landed, so it is done.
        Assert.True(await store.SaveAsync(4, claim.Epoch, -1, save, CancellationToken.None));

        // The same offset under an older claim is still another owner's write.
        var newer = await store.LoadAsync(4, CancellationToken.None);
        Assert.False(await store.SaveAsync(4, claim.Epoch, -1, save, CancellationToken.None));
        Assert.Equal(newer.Epoch + 1, (await store.LoadAsync(4, CancellationToken.None)).Epoch);
    }

    [Fact]
    public async Task SaveAsync_AnotherProcessLoadedThePartitionSince_IsFencedEvenAtTheSameOffset()
    {
        var store = new RedisStateStore(_redis, "g");
        var stale = await store.LoadAsync(4, CancellationToken.None);
        var owner = await store.LoadAsync(4, CancellationToken.None);

        Assert.False(await store.SaveAsync(4, stale.Epoch, -1, new PartitionSave(3, [new("P1", [1])], [5], Ref), CancellationToken.None));
        Assert.True(await store.SaveAsync(4, owner.Epoch, -1, new PartitionSave(3, [new("P1", [2])], [], Ref), CancellationToken.None));
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
