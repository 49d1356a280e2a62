using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.State;
using Xunit;

namespace ChronicCare.Monitor.Tests.State;

public sealed class OutboxTests
{
    [Fact]
    public void Decode_EncodedOutbox_GivesBackEveryRecord()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 12, 0, TimeSpan.FromHours(8));
        var alert = new Alert("R01:S1", "R01", AlertStatus.Withdrawn, Severity.Medium, "P1", "S1", "F1", null, "2026-03-01T09:12:00+08:00", at, null,
            """{"lines":[1]}""", "重复开药。", "Overlapping supply.");
        var action = new IntegrityAction("WARNING:P1:20260301", "P1", ActionKind.Warning, new Timestamp(at), new Timestamp(at.AddMonths(12)), "R01", ["R01:S1"], true, null, null, at);
        var dead = new DeadLetter("chroniccare.events", 42, 3, "not valid JSON", new byte[] { 0xFF, 0x00, 0x7B });
        var outbox = new Outbox([alert], [action], [dead], ["P2", "P3"]);

        var back = Outbox.Decode(outbox.Encode());

        Assert.Equal(alert, Assert.Single(back.Alerts));
        Assert.True(action.SameContent(Assert.Single(back.Actions)));
        Assert.Equal(action.ActionId, back.Actions[0].ActionId);
        var d = Assert.Single(back.DeadLetters);
        Assert.Equal((dead.Source, dead.Line, dead.Partition, dead.Reason), (d.Source, d.Line, d.Partition, d.Reason));
        Assert.Equal(dead.Original.ToArray(), d.Original.ToArray());
        Assert.Equal(["P2", "P3"], back.Rechecks);
    }

    [Fact]
    public void Decode_UnknownVersionOrTruncated_IsRefused()
    {
        var bytes = new Outbox([], [], [], ["P1"]).Encode();

        Assert.Throws<InvalidDataException>(() => Outbox.Decode([9, .. bytes[1..]]));
        Assert.Throws<InvalidDataException>(() => Outbox.Decode(bytes[..^1]));
    }
}
