using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Streaming.Output;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.Output;

/// <summary><see cref="CompositeOutput"/>: every call reaches every output; a flush waits for all before it fails.</summary>
public sealed class CompositeOutputTests
{
    [Fact]
    public async Task Calls_TwoOutputs_EachGetsEveryRecord()
    {
        var a = new Recording();
        var b = new Recording();
        var both = new CompositeOutput(a, b);

        both.Alert(ClickHouseRecords.Alert("S0002"));
        both.Action(ClickHouseRecords.Warning("P0001", "R01:S0002"));
        both.DeadLetter(new DeadLetter("events.jsonl", 3, null, "not JSON", "x"u8.ToArray()));
        both.Recheck("P0009");
        await both.FlushAsync(CancellationToken.None);

        foreach (var o in new[] { a, b })
        {
            Assert.Equal(["alert R01:S0002", "action WARNING:P0001:20260312", "dead letter", "recheck P0009", "flush"], o.Calls);
        }
    }

    [Fact]
    public async Task FlushAsync_OneOutputFails_WaitsForTheOtherAndThrows()
    {
        var failing = new Recording { Failure = new InvalidOperationException("down") };
        var slow = new Recording { Delay = TimeSpan.FromMilliseconds(200) };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new CompositeOutput(failing, slow).FlushAsync(CancellationToken.None));

        Assert.Equal("down", e.Message);
        Assert.Equal(["flush", "flushed"], slow.Calls);
    }

    private sealed class Recording : IStreamOutput
    {
        public List<string> Calls { get; } = [];

        public Exception? Failure { get; init; }

        public TimeSpan Delay { get; init; }

        public void Alert(Alert alert) => Calls.Add($"alert {alert.AlertId}");

        public void Action(IntegrityAction action) => Calls.Add($"action {action.ActionId}");

        public void DeadLetter(DeadLetter deadLetter) => Calls.Add("dead letter");

        public void Recheck(string patientId) => Calls.Add($"recheck {patientId}");

        public async Task FlushAsync(CancellationToken ct)
        {
            Calls.Add("flush");
            if (Failure is { } e)
            {
                throw e; // before any await: the composite must still flush the others
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, ct);
                Calls.Add("flushed");
            }
        }
    }
}
