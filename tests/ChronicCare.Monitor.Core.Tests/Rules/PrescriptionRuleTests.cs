using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R10 PRESCRIPTION_RULE, contract §3: "(a) more than 5 distinct drug codes in one settlement at a non-pharmacy
/// facility of level &lt;= 2 with no `prescription.note`; or (b) a non-essential drug at an `essential_drugs_only`
/// facility". D1..D6 are six different essential HTN drugs.
/// </summary>
public sealed class PrescriptionRuleTests
{
    [Fact]
    public void Evaluate_FiveDistinctAtLevel2_NoAlert()
    {
        // "more than 5": 5 is not more.
        var d = EngineDriver.Run(Drugs(S("S1").Facility(World.Hospital2), 5));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SixDistinctAtLevel2_R10()
    {
        var d = EngineDriver.Run(Drugs(S("S1").Facility(World.Hospital2), 6));
        Assert.Equal(["R10:S1"], d.OpenIds);
        Assert.Contains("\"distinct_drugs\":6", d.OpenAlert("R10", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SixDistinctAtLevel2WithNote_NoAlert()
    {
        // "with no prescription.note".
        var d = EngineDriver.Run(Drugs(S("S1").Facility(World.Hospital2).Note("联合用药说明"), 6));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SixDistinctAtLevel3_NoAlert()
    {
        // "of level <= 2": FH1 is level 3.
        var d = EngineDriver.Run(Drugs(S("S1").Facility(World.Hospital), 6));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SixDistinctAtPharmacy_NoAlert()
    {
        // "at a non-pharmacy facility".
        var d = EngineDriver.Run(Drugs(S("S1").Facility(World.Pharmacy), 6));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_SixDistinctAtLevel1Community_R10()
    {
        // FC2 is a level-1 community centre (not essential-drugs-only).
        var d = EngineDriver.Run(Drugs(S("S1").Facility(World.Community2), 6));
        Assert.Equal(["R10:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_SameDrugCodeTwice_CountsOnce()
    {
        // "distinct drug codes": D1..D5 plus D1 again is 5. Short supplies keep the repeated D1 within tolerance (R01).
        var b = S("S1").Facility(World.Hospital2);
        for (var i = 1; i <= 5; i++)
        {
            b.Drug($"D{i}", days: 5);
        }

        var d = EngineDriver.Run(b.Drug("D1", days: 5));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_NonEssentialAtEssentialOnlyFacility_R10()
    {
        // "(b) a non-essential drug at an essential_drugs_only facility": AML2 at FC1.
        var d = EngineDriver.Run(S("S1").Facility(World.Community).Drug(World.AmlodipineBrand));
        Assert.Equal(["R10:S1"], d.OpenIds);
        Assert.Contains("AML2", d.OpenAlert("R10", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EssentialAtEssentialOnlyFacility_NoAlert()
    {
        var d = EngineDriver.Run(S("S1").Facility(World.Community).Drug(World.Amlodipine));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_NonEssentialAtOrdinaryFacility_NoAlert()
    {
        var d = EngineDriver.Run(S("S1").Facility(World.Community2).Drug(World.AmlodipineBrand));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_BothViolations_OneAlert()
    {
        // contract §4: at most one R10 alert per settlement, citing both violations.
        var b = S("S1").Facility(World.Community).Drug(World.AmlodipineBrand);
        for (var i = 1; i <= 5; i++)
        {
            b.Drug($"D{i}");
        }

        var d = EngineDriver.Run(b);
        Assert.Equal(["R10:S1"], d.OpenIds);
        var evidence = d.OpenAlert("R10", "S1").EvidenceJson;
        Assert.Contains("too_many_drugs", evidence, StringComparison.Ordinal);
        Assert.Contains("non_essential_at_essential_only_facility", evidence, StringComparison.Ordinal);
    }

    private static SettlementBuilder Drugs(SettlementBuilder b, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            b.Drug($"D{i}");
        }

        return b;
    }
}
