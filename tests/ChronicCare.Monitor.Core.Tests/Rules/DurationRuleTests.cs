using ChronicCare.Monitor.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Tests.Support.SettlementBuilder;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>
/// R02 EXCESSIVE_DURATION, contract §3: "a drug line's `days_supply` &gt; 30, or &gt; 84 when
/// `prescription.long_prescription`".
/// </summary>
public sealed class DurationRuleTests
{
    [Fact]
    public void Evaluate_Ordinary30Days_NoAlert()
    {
        // contract §3 R02: "days_supply > 30": 30 is not over.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_Ordinary31Days_R02()
    {
        // contract §3 R02: "days_supply > 30".
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 31));
        Assert.Equal(["R02:S1"], d.OpenIds);
        Assert.Contains("\"limit_days\":30", d.OpenAlert("R02", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongPrescription84Days_NoAlert()
    {
        // contract §3 R02: "or > 84 when prescription.long_prescription": 84 is not over.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Long().Drug(World.Amlodipine, 84));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_LongPrescription85Days_R02()
    {
        // contract §3 R02: "> 84 when prescription.long_prescription".
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Long().Drug(World.Amlodipine, 85));
        Assert.Equal(["R02:S1"], d.OpenIds);
        Assert.Contains("\"limit_days\":84", d.OpenAlert("R02", "S1").EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongPrescription50Days_NoAlert()
    {
        // contract §3 R02: a long prescription is judged against 84, not 30.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Long().Drug(World.Amlodipine, 50));
        Assert.Empty(d.OpenIds);
    }

    [Fact]
    public void Evaluate_Ordinary50Days_R02()
    {
        // contract §3 R02: without long_prescription the limit is 30.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Long(false).Drug(World.Amlodipine, 50));
        Assert.Equal(["R02:S1"], d.OpenIds);
    }

    [Fact]
    public void Evaluate_TwoLinesOver_OneAlertCitingBoth()
    {
        // contract §4: "An alert of rule R01..R11 on settlement S is raised at most once per (rule, S);
        // one alert may cite several lines of S in its evidence."
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 31).Drug("D1", 40));
        Assert.Equal(["R02:S1"], d.OpenIds);
        var evidence = d.OpenAlert("R02", "S1").EvidenceJson;
        Assert.Contains("\"days_supply\":31", evidence, StringComparison.Ordinal);
        Assert.Contains("\"days_supply\":40", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnlyTheShortLineOfTwo_NoAlert()
    {
        // contract §3 R02 is per drug line: two lines of 30 days are both fine.
        var d = EngineDriver.Run(S("S1").On("2026-03-01").Drug(World.Amlodipine, 30).Drug("D1", 30).Exam());
        Assert.Empty(d.OpenIds);
    }
}
