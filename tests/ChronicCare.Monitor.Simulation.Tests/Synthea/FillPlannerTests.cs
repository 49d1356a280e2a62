using ChronicCare.Monitor.Simulation.Synthea;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests.Synthea;

public sealed class FillPlannerTests
{
    [Fact]
    public void Plan_DailyDispensesOverAYear_MergesInto13MonthlyFillsTilingThePeriod()
    {
        var start = new DateOnly(2020, 1, 1);
        var fills = FillPlanner.Plan(start, start.AddDays(371), 371, out var merged);
        Assert.True(merged);
        Assert.Equal(13, fills.Count);
        Assert.All(fills, f => Assert.InRange(f.DaysSupply, 28, 29));
        Assert.All(fills, f => Assert.False(f.LongPrescription));
        Assert.Equal(start, fills[0].Date);
        Assert.Equal(371, fills.Sum(f => f.DaysSupply)); // back to back, last one to STOP
        for (var i = 1; i < fills.Count; i++)
        {
            Assert.Equal(fills[i - 1].Date.AddDays(fills[i - 1].DaysSupply), fills[i].Date);
        }
    }

    [Fact]
    public void Plan_TenDispensesOver25Years_Keeps10FillsOf30DaysWithGaps()
    {
        var start = new DateOnly(1955, 7, 24);
        var stop = start.AddYears(25);
        var fills = FillPlanner.Plan(start, stop, 10, out var merged);
        Assert.False(merged);
        Assert.Equal(10, fills.Count);
        Assert.All(fills, f => Assert.Equal(30, f.DaysSupply));
        Assert.All(fills, f => Assert.False(f.LongPrescription));
        Assert.Equal(start, fills[0].Date);
        Assert.True(fills[^1].Date < stop);
    }

    [Fact]
    public void Plan_ThreeDispensesOver91Days_TilesThePeriodWithALongLastFill()
    {
        var fills = FillPlanner.Plan(new DateOnly(2020, 1, 1), new DateOnly(2020, 4, 1), 3, out var merged);
        Assert.False(merged);
        Assert.Equal([(new DateOnly(2020, 1, 1), 30, false), (new DateOnly(2020, 1, 31), 30, false), (new DateOnly(2020, 3, 1), 31, true)], fills);
    }

    [Fact]
    public void Plan_SpacingBetween31And84Days_IsALongPrescriptionOfThatLength()
    {
        var fills = FillPlanner.Plan(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 1).AddDays(240), 4, out _);
        Assert.Equal(4, fills.Count);
        Assert.All(fills, f => Assert.Equal((60, true), (f.DaysSupply, f.LongPrescription)));
    }

    [Fact]
    public void Plan_ZeroDispenses_UsesAsManyMonthlyFillsAsFit()
    {
        var fills = FillPlanner.Plan(new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 12), 0, out var merged);
        Assert.False(merged);
        Assert.Equal([(new DateOnly(2021, 1, 1), 35, true), (new DateOnly(2021, 2, 5), 35, true)], fills);
    }

    [Fact]
    public void Plan_ShortPeriod_OneFillCoveringIt()
    {
        var fills = FillPlanner.Plan(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 5), 10, out var merged);
        Assert.True(merged);
        Assert.Equal([(new DateOnly(2021, 1, 1), 4, false)], fills);
    }

    [Fact]
    public void Plan_EmptyPeriod_OneOneDayFill()
    {
        var fills = FillPlanner.Plan(new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 1), 1, out _);
        Assert.Equal([(new DateOnly(2021, 1, 1), 1, false)], fills);
    }
}
