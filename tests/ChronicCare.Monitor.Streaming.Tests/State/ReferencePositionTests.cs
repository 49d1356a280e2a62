using ChronicCare.Monitor.Streaming.State;
using Xunit;

namespace ChronicCare.Monitor.Streaming.Tests.State;

public sealed class ReferencePositionTests
{
    [Fact]
    public void IsBehind_OnePartitionAheadAnotherBehind_IsBehind()
    {
        // Equal sums (15) must not hide that partition 0 moved on.
        var saved = new ReferencePosition(new Dictionary<int, long> { [0] = 8, [1] = 7 });
        var current = new ReferencePosition(new Dictionary<int, long> { [0] = 10, [1] = 5 });

        Assert.True(saved.IsBehind(current));
    }

    [Fact]
    public void IsBehind_SameOrOlderCurrent_IsNotBehind()
    {
        var saved = new ReferencePosition(new Dictionary<int, long> { [0] = 8, [1] = 7 });

        Assert.False(saved.IsBehind(saved));
        Assert.False(saved.IsBehind(new ReferencePosition(new Dictionary<int, long> { [0] = 8 })));
        Assert.True(ReferencePosition.None.IsBehind(new ReferencePosition(new Dictionary<int, long> { [2] = 1 })));
    }

    [Fact]
    public void Parse_Format_RoundTrips()
    {
        var p = new ReferencePosition(new Dictionary<int, long> { [3] = 100, [0] = 7 });

        Assert.Equal("0=7;3=100", p.Format());
        Assert.Equal(p.Format(), ReferencePosition.Parse(p.Format()).Format());
        Assert.Empty(ReferencePosition.Parse(null).NextOffsets);
        Assert.Throws<InvalidDataException>(() => ReferencePosition.Parse("x"));
    }
}
