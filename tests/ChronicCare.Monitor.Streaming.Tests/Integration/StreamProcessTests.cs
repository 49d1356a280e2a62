using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Integration;

/// <summary>
/// `chroniccare run` as real processes against librdkafka's mock Kafka cluster and a real `redis-server`
/// (issue 4, must show): crashes, rebalances and a Redis outage leave the final alerts and actions equal to
/// `detect`'s on the same events.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ChildProcesses.Name)]
public sealed class StreamProcessTests
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    [Fact]
    public void Run_KilledWithSigkillAtSeveralPoints_FinalAlertsAndActionsEqualDetect()
    {
        var data = Dataset.Larger;
        using var stack = StreamStack.Published(data);
        var total = data.Messages.Count;

        // Killed: before its first commit, then at about 15%, 45% and 75% of the events.
        using (var first = stack.StartProcessor())
        {
            Thread.Sleep(1500);
            first.Kill9();
        }

        foreach (var share in new[] { 0.15, 0.45, 0.75 })
        {
            using var doomed = stack.StartProcessor();
            stack.WaitForStored((long)(total * share), doomed, Minutes3);
            doomed.Kill9();
        }

        using var last = stack.StartProcessor();
        Assert.Equal(0, last.WaitForExit(Minutes3));
        Assert.Matches(@"assigned: [1-9]\d* patients loaded", last.Errors); // it resumed from the stored state

        var expected = BatchDetect.Run(data);
        Assert.NotEmpty(expected.OpenAlerts);
        stack.Outcome().ShouldEqual(expected);
    }

    [Fact]
    public void Run_TwoProcessesInOneGroupWithRebalanceInMidStream_FinalAlertsAndActionsEqualDetect()
    {
        var data = Dataset.Larger;
        using var stack = StreamStack.WithReference(data);

        // Events arrive over about 10 s; the second process joins after a fifth of them.
        using var a = stack.StartProcessor(maxBatch: 100, exitWhenIdleMs: 8000);
        a.WaitForLog("assigned", TimeSpan.FromMinutes(1));
        using var produce = stack.ProduceEvents(rate: 1000);
        stack.WaitForStored(data.Messages.Count / 5, a, Minutes3);
        using var b = stack.StartProcessor(maxBatch: 100, exitWhenIdleMs: 8000);

        Assert.Equal(0, produce.WaitForExit(Minutes3));
        Assert.Equal(0, b.WaitForExit(Minutes3));
        Assert.Equal(0, a.WaitForExit(Minutes3));
        Assert.Contains("revoked", a.Errors, StringComparison.Ordinal);
        Assert.Matches(@"run: [1-9][\d,]* events applied", b.Output);
        stack.Outcome().ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public void Run_RedisStoppedForTenSecondsInMidStream_PausesWithBoundedMemoryAndEqualsDetect()
    {
        var data = Dataset.Larger;
        using var stack = StreamStack.WithReference(data);

        // Events keep arriving (about 20 s of them) while Redis is down.
        using var processor = stack.StartProcessor(maxBatch: 100, exitWhenIdleMs: 8000);
        processor.WaitForLog("assigned", TimeSpan.FromMinutes(1));
        using var produce = stack.ProduceEvents(rate: 500);
        stack.WaitForStored(data.Messages.Count / 4, processor, Minutes3);
        var before = processor.ResidentMiB;
        stack.Redis.Stop();
        var peak = before;
        for (var s = 0; s < 10; s++)
        {
            Thread.Sleep(1000);
            peak = Math.Max(peak, processor.ResidentMiB);
        }

        stack.Redis.Start();

        Assert.Equal(0, produce.WaitForExit(Minutes3));
        Assert.Equal(0, processor.WaitForExit(Minutes3));
        Assert.Contains("paused", processor.Errors, StringComparison.Ordinal);
        Assert.Contains("resumed", processor.Errors, StringComparison.Ordinal);
        Assert.True(peak - before < 64, $"resident memory grew by {peak - before:F0} MiB while Redis was down");
        stack.Outcome().ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public void Run_Sigterm_DrainsCommitsAndExitsZero()
    {
        var data = Dataset.Simulated;
        using var stack = StreamStack.Published(data);

        using var processor = stack.StartProcessor(maxBatch: 100, exitWhenIdleMs: null);
        stack.WaitForStored(data.Messages.Count / 2, processor, Minutes3);
        processor.Terminate();

        Assert.Equal(0, processor.WaitForExit(TimeSpan.FromSeconds(40)));
        Assert.Contains("stopped:", processor.Errors, StringComparison.Ordinal);
        Assert.Matches(@"run: [1-9][\d,]* events applied", processor.Output);

        // Whatever it had applied was committed before it left the group.
        Assert.Contains("revoked: 0 uncommitted", processor.Errors, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"revoked: [1-9]\d* uncommitted", processor.Errors);
        using var successor = stack.StartProcessor();
        Assert.Equal(0, successor.WaitForExit(Minutes3));
        stack.Outcome().ShouldEqual(BatchDetect.Run(data));
    }

    [Fact]
    public void Run_ContractExamples_BadLineGoesToTheDeadLetterTopicWithItsPosition()
    {
        var data = Dataset.ContractExamples;
        using var stack = StreamStack.Published(data);

        using var processor = stack.StartProcessor(exitWhenIdleMs: 3000);
        Assert.Equal(0, processor.WaitForExit(Minutes3));

        var dead = Assert.Single(stack.Kafka.ReadAll("chroniccare.dead-letter"));
        using var record = System.Text.Json.JsonDocument.Parse(dead.Message.Value);
        var r = record.RootElement;
        Assert.Equal("chroniccare.events", r.GetProperty("topic").GetString());
        Assert.True(r.GetProperty("offset").GetInt64() >= 0);
        Assert.InRange(r.GetProperty("partition").GetInt32(), 0, 3);
        Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString()));
        Assert.Contains(data.Messages, m => System.Text.Encoding.UTF8.GetString(m.Value) == r.GetProperty("original").GetString());
        stack.Outcome().ShouldEqual(BatchDetect.Run(data));
    }
}
