using ChronicCare.Monitor.Simulation.Synthea;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests.Synthea;

public sealed class FillPlannerTests
{
    [Fact]
    public void Plan_ThreeDispensesOver91Days_TilesThePeriod()
    {
        var fills = FillPlanner.Plan(new DateOnly(2020, 1, 1), new DateOnly(2020, 4, 1), 3, out var capped);
        Assert.False(capped);
        Assert.Equal([(new DateOnly(2020, 1, 1), 30), (new DateOnly(2020, 1, 31), 30), (new DateOnly(2020, 3, 1), 31)], fills);
    }

    [Fact]
    public void Plan_ZeroDispenses_Uses30DayFillsAndAShortLastOne()
    {
        var fills = FillPlanner.Plan(new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 12), 0, out _);
        Assert.Equal([(new DateOnly(2021, 1, 1), 30), (new DateOnly(2021, 1, 31), 30), (new DateOnly(2021, 3, 2), 10)], fills);
    }

    [Fact]
    public void Plan_MoreDispensesThanDays_CapsAtOneFillPerDay()
    {
        var fills = FillPlanner.Plan(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 5), 10, out var capped);
        Assert.True(capped);
        Assert.Equal(4, fills.Count);
        Assert.All(fills, f => Assert.Equal(1, f.DaysSupply));
    }
}
