using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R01/R03, contract §3 supply model: "remaining supply = max(0, covered_until − D)", "tolerance =
/// max(7, floor(0.2 × d))", R01 "remaining supply &gt; its tolerance", R03 "some still-active earlier line
/// (D' + d' &gt; D) is from another facility".
/// </summary>
public sealed class SupplyRulesTests
{
    [Fact]
    public void Evaluate_RemainingEqualsTolerance30DayLine_NoAlert()
    {
        // S1 covers [03-01, 03-31); S2 on 03-24 has 7 days left = tolerance max(7, floor(6)) = 7: not over.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30), S("S2").On("2026-03-24").Drug(World.Amlodipine, 30));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_RemainingOneDayOverTolerance30DayLine_R01()
    {
        // One day earlier: 8 days left > 7.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30), S("S2").On("2026-03-23").Drug(World.Amlodipine, 30));
        Assert.Equal(["R01:S2"], d.OpenIds);
        Assert.Contains("\"remaining_days\":8", d.OpenAlert("R01", "S2").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RemainingEqualsTolerance84DayLine_NoAlert()
    {
        // An 84-day line has tolerance floor(0.2 × 84) = 16. S1 covers 84 days from 01-05 (until 03-30); S2 on 03-14: 16 left.
        var d = EngineDriver.Run(
            S("S1").On("2026-01-05").Long().Drug(World.Amlodipine, 84),
            S("S2").On("2026-03-14").Long().Drug(World.Amlodipine, 84));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_RemainingOneDayOverTolerance84DayLine_R01()
    {
        var d = EngineDriver.Run(
            S("S1").On("2026-01-05").Long().Drug(World.Amlodipine, 84),
            S("S2").On("2026-03-13").Long().Drug(World.Amlodipine, 84));
        Assert.Equal(["R01:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_OtherBrandSameIngredient_CountsAsSameDrug()
    {
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30), S("S2").On("2026-03-10").Drug(World.AmlodipineBrand, 30));
        Assert.Equal(["R01:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_DifferentIngredient_NoAlert()
    {
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30), S("S2").On("2026-03-10").Drug(World.Atorvastatin, 30));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_StackedEarlyRefills_RemainingAccumulates()
    {
        // Each refill 5 days early stays within tolerance alone, but stacking makes the third one 10 days early (> 7).
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-26").Drug(World.Amlodipine, 30),
            S("S3").On("2026-04-20").Drug(World.Amlodipine, 30));
        Assert.Equal(["R01:S3"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_EarlierLineActiveAtOtherFacility_R03NotR01()
    {
        var d = EngineDriver.Run(
            S("S1").On("2026-03-01").Facility(World.Hospital).Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-10").Facility(World.Pharmacy).Drug(World.Amlodipine, 30));
        Assert.Equal(["R03:S2"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_OtherFacilityLineEndedButStackedSameFacilityOverlaps_R01()
    {
        // Active-line test for R03: FP1's line (02-01 + 30 = 03-03) is no longer active on 03-10 (D' + d' > D fails),
        // the overlap comes from FH1's lines alone, so it is R01 although FP1 contributed to the stack.
        var d = EngineDriver.Run(
            S("S0").On("2026-02-01").Facility(World.Pharmacy).Drug(World.Amlodipine, 30),
            S("S1").On("2026-02-20").Facility(World.Hospital).Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-10").Facility(World.Hospital).Drug(World.Amlodipine, 30));
        Assert.Contains("R01:S2", d.OpenIds);
        Assert.DoesNotContain("R03:S2", d.OpenIds);
    }

    [Fact]
    public void Evaluate_OtherFacilityLineEndsExactlyOnServiceDate_NotActive()
    {
        // S0 at FP1 covers [02-08, 03-10): D' + d' = 03-10 is not > D = 03-10, so it is not active: R01, not R03.
        var d = EngineDriver.Run(
            S("S0").On("2026-02-08").Facility(World.Pharmacy).Drug(World.Amlodipine, 30),
            S("S1").On("2026-03-01").Facility(World.Hospital).Drug(World.Amlodipine, 30),
            S("S2").On("2026-03-10").Facility(World.Hospital).Drug(World.Amlodipine, 30));
        Assert.Contains("R01:S2", d.OpenIds);
        Assert.DoesNotContain("R03:S2", d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameSecondSettlements_OrderedBySettlementId()
    {
        // contract examples: S0004 sorts after S0001 at the same second, so S0004 carries the overlap.
        var d = EngineDriver.Run(
            S("S0004").At("2026-03-01T09:12:00+08:00").Drug(World.Amlodipine, 50),
            S("S0001").At("2026-03-01T09:12:00+08:00").Drug(World.Amlodipine, 30));
        Assert.True(d.IsOpen("R01", "S0004"));
        Assert.False(d.IsOpen("R01", "S0001"));
    }

    [Fact]
    public void Evaluate_LateEarlierSettlement_RaisesAlertOnLaterOne()
    {
        // Order independence: the earlier fill arrives after the later one was processed.
        var d = new EngineDriver().ApplyEach(S("S2").On("2026-03-10").Drug(World.Amlodipine, 30), S("S1").On("2026-03-01").Drug(World.Amlodipine, 30));
        Assert.Equal(["R01:S2"], d.OpenIds);
    }
}
