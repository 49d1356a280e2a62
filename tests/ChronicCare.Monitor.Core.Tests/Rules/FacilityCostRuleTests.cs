using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;
using Xunit;

namespace ChronicCare.Monitor.Tests.Rules;

/// <summary>R12 at its boundaries (contract §3 R12: >= 30 settlements, mean > 1.5 × peer median, robust z > 3, MAD = 0 skipped, peer fallback below 5).</summary>
public sealed class FacilityCostRuleTests
{
    private static readonly CostOutlierPolicy Policy = DetectionPolicy.Default.CostOutliers;

    [Theory]
    [InlineData("150", false)] // exactly 1.5 × the median (100): not above it
    [InlineData("150.01", true)]
    public void Evaluate_MeanAtOneAndAHalfTimesTheMedian_FiresOnlyAbove(string mean, bool fires)
    {
        // Peer means 90, 100, 100, 110 and the target: median 100, MAD 10, so z is far above 3 and the ratio decides.
        var month = City(90, 100, 100, 110).Append(Facility("F-T", decimal.Parse(mean, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(fires, FacilityCostRule.Evaluate(month, Policy).Any(o => o.FacilityId == "F-T"));
    }

    [Theory]
    [InlineData("277.912", false)] // z = (277.912 − 100) / (1.4826 × 40) = 3 exactly
    [InlineData("277.92", true)]
    public void Evaluate_RobustZExactlyThree_FiresOnlyAbove(string mean, bool fires)
    {
        // Peer means 60, 100, 100, 140: median 100, MAD 40; the ratio (> 150) holds, z decides.
        var month = City(60, 100, 100, 140).Append(Facility("F-T", decimal.Parse(mean, System.Globalization.CultureInfo.InvariantCulture)));

        var found = FacilityCostRule.Evaluate(month, Policy).SingleOrDefault(o => o.FacilityId == "F-T");

        Assert.Equal(fires, found is not null);
    }

    [Fact]
    public void Evaluate_MadZero_Skipped()
    {
        var month = City(100, 100, 100, 100).Append(Facility("F-T", 1000));

        Assert.Empty(FacilityCostRule.Evaluate(month, Policy));
    }

    [Fact]
    public void Evaluate_TwentyNineSettlements_NeitherJudgedNorAPeer()
    {
        var month = City(60, 100, 100, 140).Append(Facility("F-T", 5000, settlements: 29));

        Assert.Empty(FacilityCostRule.Evaluate(month, Policy));
    }

    [Fact]
    public void Evaluate_FewerThanFivePeersInTheCity_ComparesWithTheSameKindAndLevelEverywhere()
    {
        // Three in this city (too few); the other city's four make nine of the same kind and level in all.
        var here = new[] { Facility("F-A", 100), Facility("F-B", 110), Facility("F-T", 400) };
        var there = new[] { 60m, 100m, 100m, 140m }.Select((m, i) => Facility($"F-X{i}", m, city: "3201"));

        var found = Assert.Single(FacilityCostRule.Evaluate(here.Concat(there), Policy));

        Assert.Equal("F-T", found.FacilityId);
        Assert.True(found.PeersEverywhere);
        Assert.Equal(7, found.Peers);
        Assert.Equal(100m, found.PeerMedian);
    }

    [Fact]
    public void Evaluate_OtherKindOrLevel_NotPeers()
    {
        var month = City(90, 100, 100, 110).Append(Facility("F-T", 400)).Append(Facility("F-H", 5000, kind: FacilityKind.Hospital, level: 3));

        Assert.Equal(["F-T"], FacilityCostRule.Evaluate(month, Policy).Select(o => o.FacilityId));
    }

    private static IEnumerable<FacilityMonth> City(params decimal[] means) => means.Select((m, i) => Facility($"F-P{i}", m));

    private static FacilityMonth Facility(string id, decimal mean, int settlements = 30, string city = "3207", FacilityKind kind = FacilityKind.Community, int level = 1) =>
        new(id, kind, level, city, settlements, mean * settlements);
}
