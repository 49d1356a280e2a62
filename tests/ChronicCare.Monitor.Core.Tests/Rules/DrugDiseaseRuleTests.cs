using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R09 DRUG_DISEASE_MISMATCH, contract §3: "a drug line's drug does not list the claimed `disease_code`".
/// AML1 lists HTN/CHD, MET1 lists T2DM only, ATO1 lists HLP/CHD/HTN.
/// </summary>
public sealed class DrugDiseaseRuleTests
{
    [Fact]
    public void Evaluate_DrugNotListingDisease_R09()
    {
        // MET1 does not list HTN.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Disease("HTN").Drug(World.Metformin));
        Assert.Equal(["R09:S1"], d.OpenIds);
        Assert.Contains("MET1", d.OpenAlert("R09", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DrugListingDisease_NoAlert()
    {
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Disease("HTN").Drug(World.Amlodipine).Drug(World.Atorvastatin));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_OneOfTwoLinesMismatches_OneAlert()
    {
        // contract §4: at most one alert per (rule, settlement); it cites the mismatching drug only.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Disease("HTN").Drug(World.Amlodipine).Drug(World.Metformin));
        Assert.Equal(["R09:S1"], d.OpenIds);
        var evidence = d.OpenAlert("R09", "S1").EvidenceJson;
        Assert.Contains("MET1", evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("AML1", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExamLineOnly_NoAlert()
    {
        // R09 judges drug lines only.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Exam(25m));
        Assert.Empty(d.OpenIds);
    }
}
