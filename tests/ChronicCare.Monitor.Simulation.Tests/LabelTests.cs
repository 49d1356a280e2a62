using ChronicCare.Monitor.Simulation.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests;

public sealed class LabelTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    [Fact]
    public void Labels_SettlementIds_NameExistingSettlements()
    {
        var data = fixture.Data;
        Assert.NotEmpty(data.Labels);
        foreach (var label in data.Labels)
        {
            Assert.NotEmpty(label.SettlementIds);
            Assert.All(label.SettlementIds, id => Assert.True(data.Settlements.ContainsKey(id), $"{label.LabelId} names unknown {id}"));
            Assert.All(label.SettlementIds, id => Assert.DoesNotContain(id, data.Reversed));
        }

        Assert.Equal(data.Labels.Count, data.Labels.Select(l => l.LabelId).Distinct().Count());
    }

    [Fact]
    public void Labels_Patterns_AreSpreadEvenly()
    {
        var counts = fixture.Data.Labels.GroupBy(l => l.Pattern).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(23, counts.Count);
        Assert.True(counts.Values.Max() - counts.Values.Min() <= 4, string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Fact]
    public void StatisticalRules_R12AndR13_FireExactlyOnTheLabelledSubjects()
    {
        var data = fixture.Data;
        var r13 = data.Labels.Where(l => l.Rules.Contains("R13")).Select(l => (l.PatientId!, l.DiseaseCode!, l.Period!)).ToHashSet();
        var r12 = data.Labels.Where(l => l.Rules.Contains("R12")).Select(l => (l.FacilityId!, l.Period!)).ToHashSet();
        Assert.NotEmpty(r13);
        Assert.NotEmpty(r12);
        Assert.Equal(r13.OrderBy(x => x), StatisticalOracle.HighCostPatients(data).OrderBy(x => x));
        Assert.Equal(r12.OrderBy(x => x), StatisticalOracle.HighCostFacilities(data).OrderBy(x => x));
    }
}
