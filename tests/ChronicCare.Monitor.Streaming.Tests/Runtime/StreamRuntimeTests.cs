using ChronicCare.Monitor.Streaming.Runtime;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Runtime;

/// <summary>
/// The runtime's guarantees on the in-memory driver (no servers): whatever happens to a process, the final open
/// alerts and actions in force equal `detect`'s on the same events.
/// </summary>
public sealed class StreamRuntimeTests
{
    [Fact]
    public async Task CommitAsync_OneInstanceOwningEveryPartition_EqualsDetect()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var instance = pipeline.Start();
        await instance.Assign(0, 1, 2, 3);

        await instance.RunToEnd(commitEvery: 97);

        Assert.NotEmpty(pipeline.Outcome.OpenAlerts);
        Assert.Contains(pipeline.Outcome.OpenAlertIds, id => id.StartsWith("R15:", StringComparison.Ordinal));
        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task CommitAsync_ContractExamples_DeadLetterKeepsItsPosition()
    {
        var data = Dataset.ContractExamples;
        var pipeline = new InMemoryPipeline(data, partitions: 2);
        var instance = pipeline.Start();
        await instance.Assign(0, 1);

        await instance.RunToEnd(commitEvery: 3);

        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
        var dead = Assert.Single(pipeline.DeadLetters);
        Assert.Equal("events", dead.Source);
        Assert.NotNull(dead.Partition);
        Assert.False(string.IsNullOrEmpty(dead.Reason));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AssignAsync_AfterCrashesAtRandomPoints_ResumesAndEqualsDetect(int seed)
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var random = new Random(seed);
        for (var crash = 0; crash < 6; crash++)
        {
            var doomed = pipeline.Start();
            await doomed.Assign(0, 1, 2, 3);
            for (var batches = random.Next(1, 6); batches > 0; batches--)
            {
                doomed.Poll(random.Next(1, 400));
                await doomed.Commit();
            }

            // Applied but never committed: lost with the process, replayed by the next.
            doomed.Poll(random.Next(1, 400));
        }

        var survivor = pipeline.Start();
        await survivor.Assign(0, 1, 2, 3);
        await survivor.RunToEnd(commitEvery: 250);

        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task Revoke_TwoInstancesRebalancingInMidStream_EqualsDetect()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var a = pipeline.Start();
        var b = pipeline.Start();
        await a.Assign(0, 1);
        await b.Assign(2, 3);
        for (var i = 0; i < 4; i++)
        {
            a.Poll(150);
            b.Poll(150);
            await a.Commit();
            await b.Commit();
        }

        // Rebalance: partition 1 moves from a to b with events applied but not committed.
        a.Poll(120);
        a.Revoke(1);
        await a.Commit();
        await b.Assign(1);
        await InMemoryPipeline.RunToEnd(a, b);

        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task CommitAsync_StateStoreDown_ThrowsAndResumesTheSameCommitWithoutLoss()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var instance = pipeline.Start();
        await instance.Assign(0, 1, 2, 3);
        instance.Poll(500);
        await instance.Commit();
        instance.Poll(500);

        pipeline.States.Failure = new IOException("connection refused");
        await Assert.ThrowsAsync<StoreUnavailableException>(instance.Commit);
        Assert.True(instance.Runtime.CommitPending);
        Assert.Throws<InvalidOperationException>(() => instance.Poll(1));
        await Assert.ThrowsAsync<StoreUnavailableException>(instance.Commit);

        pipeline.States.Failure = null;
        await Task.Delay(600); // the circuit's break duration in the driver
        await instance.Commit();
        Assert.False(instance.Runtime.CommitPending);
        await instance.RunToEnd(commitEvery: 300);

        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task CommitAsync_OutputDownThenCrash_StateSavedWithItsOutboxAndTheNextOwnerPublishesIt()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var doomed = pipeline.Start();
        await doomed.Assign(0, 1, 2, 3);
        doomed.Poll(1500);
        doomed.OutputFailure = new IOException("broker down");

        await Assert.ThrowsAsync<StoreUnavailableException>(doomed.Commit);

        // Saved before publishing: the state remembers the records it emitted, and keeps them in its outbox.
        var stored = await pipeline.States.LoadAsync(0, CancellationToken.None);
        Assert.True(stored.Offset >= 0);
        Assert.NotNull(stored.Outbox);
        var successor = pipeline.Start();
        await successor.Assign(0, 1, 2, 3);
        await successor.RunToEnd(commitEvery: 300);
        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task CommitAsync_OutputDownThenBack_ResendsEveryRecordOfTheFailedAttempt()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var instance = pipeline.Start();
        await instance.Assign(0, 1, 2, 3);
        instance.Poll(1500);
        instance.OutputFailure = new IOException("broker down");
        await Assert.ThrowsAsync<StoreUnavailableException>(instance.Commit);

        instance.OutputFailure = null;
        await Task.Delay(600);
        await instance.RunToEnd(commitEvery: 300);

        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task Revoke_WhileACommitWaitsForTheStore_FinalOutcomeEqualsDetect()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var a = pipeline.Start();
        await a.Assign(0, 1);
        a.Poll(600);
        pipeline.States.Failure = new IOException("redis down");
        await Assert.ThrowsAsync<StoreUnavailableException>(a.Commit);

        // Partition 1 moves while a's commit is stuck; b takes it over and finishes it.
        a.Revoke(1);
        pipeline.States.Failure = null;
        await Task.Delay(600);
        await a.Commit();
        var b = pipeline.Start();
        await b.Assign(1, 2, 3);
        await InMemoryPipeline.RunToEnd(a, b);

        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task CommitAsync_SaveLandedButItsReplyWasLost_RetryIsNotFencedAndNothingIsLost()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var instance = pipeline.Start();
        await instance.Assign(0, 1, 2, 3);
        instance.Poll(500);

        pipeline.States.LoseNextReply = true;
        await instance.Commit();

        Assert.Equal(0, instance.Runtime.Stats.Fenced);
        Assert.Equal(4, instance.Runtime.Partitions.Count);
        await instance.RunToEnd(commitEvery: 300);
        pipeline.Outcome.ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public async Task SaveAsync_StalePartitionOwner_IsFencedAndDropsThePartition()
    {
        var data = Dataset.Simulated;
        var pipeline = new InMemoryPipeline(data);
        var stale = pipeline.Start();
        await stale.Assign(0);
        stale.Poll(50);

        // Another process took partition 0 (this one missed the rebalance) and committed past it.
        var owner = pipeline.Start();
        await owner.Assign(0);
        owner.Poll(80);
        await owner.Commit();

        await stale.Commit();

        Assert.Equal(1, stale.Runtime.Stats.Fenced);
        Assert.Empty(stale.Runtime.Partitions);
        Assert.Equal([0], stale.Runtime.DrainFenced());
        Assert.Empty(stale.Runtime.DrainFenced());
    }

    [Fact]
    public async Task Accept_KeylessReversalAndReferenceRecordOnTheEventsTopic_GoToTheDeadLetterOutput()
    {
        var pipeline = new InMemoryPipeline(Dataset.ContractExamples, partitions: 1);
        var instance = pipeline.Start();
        await instance.Assign(0);

        instance.Runtime.Accept(0, 100, null, """{"type":"reversal","settlement_id":"S9","reversed_at":"2026-03-01T09:00:00+08:00"}"""u8.ToArray(), InternalRecord.None);
        instance.Runtime.Accept(0, 101, "F9", """{"type":"facility","facility_id":"F9","name":"x","kind":"community","level":1,"region":"320703","essential_drugs_only":true}"""u8.ToArray(), InternalRecord.None);
        await instance.Commit();

        Assert.Equal([100L, 101L], pipeline.DeadLetters.Select(d => d.Line));
        Assert.Contains("key", pipeline.DeadLetters[0].Reason, StringComparison.Ordinal);
        Assert.Contains("reference topic", pipeline.DeadLetters[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignAsync_StateEvaluatedAgainstAnOlderReference_ReevaluatesEveryPatientOnce()
    {
        var pipeline = new InMemoryPipeline(Dataset.Simulated, partitions: 1);
        var first = pipeline.Start();
        first.Runtime.ReferenceApplied = Position(5);
        await first.Assign(0);
        await first.RunToEnd(commitEvery: 500);
        var patients = first.Runtime.Stats.PatientsSaved;

        var behind = pipeline.Start();
        behind.Runtime.ReferenceApplied = Position(6);
        await behind.Assign(0);
        await behind.Commit();
        var current = pipeline.Start();
        current.Runtime.ReferenceApplied = Position(6);
        await current.Assign(0);
        await current.Commit();

        Assert.True(patients > 0);
        Assert.Equal(behind.Runtime.Stats.PatientsLoaded, behind.Runtime.Stats.PatientsSaved);
        Assert.Equal(0, current.Runtime.Stats.PatientsSaved);
    }

    private static ChronicCare.Monitor.Streaming.State.ReferencePosition Position(long next) => new(new Dictionary<int, long> { [0] = next });
}
