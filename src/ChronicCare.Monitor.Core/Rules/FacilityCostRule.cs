using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Rules;

/// <summary>One facility's settlements in one month: what R12 reads.</summary>
public readonly record struct FacilityMonth(string FacilityId, FacilityKind Kind, int Level, string City, int Settlements, decimal TotalAmount)
{
    public decimal Mean => TotalAmount / Settlements;
}

/// <summary>An R12 finding, with what a reviewer needs: the facility's mean, its peers' median and MAD, the robust z-score and the peer group.</summary>
public sealed record FacilityCostOutlier(string FacilityId, decimal Mean, decimal PeerMedian, decimal Mad, decimal RobustZ, bool PeersEverywhere, int Peers, int Settlements);

/// <summary>
/// R12 HIGH_COST_FACILITY 高均次费用机构 (contract §3; seed Chongqing 三(一), 三(二)): a facility with at least
/// <see cref="CostOutlierPolicy.FacilityMinSettlements"/> settlements in the month whose mean total per settlement
/// is above <see cref="CostOutlierPolicy.FacilityMeanRatio"/> × the median of its peer group's means and whose robust
/// z-score (mean − median) / (1.4826 × MAD) is above <see cref="CostOutlierPolicy.FacilityRobustZ"/>; skipped when
/// MAD = 0. Peers: the facilities of the same kind and level in the same city with enough settlements that month,
/// itself included; fewer than <see cref="CostOutlierPolicy.PeerGroupMinFacilities"/> → the same kind and level
/// everywhere. Exact decimal arithmetic, so the boundaries are the contract's.
/// </summary>
public static class FacilityCostRule
{
    private const decimal MadScale = 1.4826m;

    public static IReadOnlyList<FacilityCostOutlier> Evaluate(IEnumerable<FacilityMonth> month, CostOutlierPolicy policy)
    {
        var judged = month.Where(f => f.Settlements >= policy.FacilityMinSettlements).ToList();
        var everywhere = judged.ToLookup(f => (f.Kind, f.Level));
        var inCity = judged.ToLookup(f => (f.Kind, f.Level, f.City));
        var found = new List<FacilityCostOutlier>();
        foreach (var f in judged)
        {
            var city = inCity[(f.Kind, f.Level, f.City)].ToList();
            var wide = city.Count < policy.PeerGroupMinFacilities;
            var peers = wide ? everywhere[(f.Kind, f.Level)].ToList() : city;
            var median = Median.Of(peers.Select(p => p.Mean));
            var mad = Median.Of(peers.Select(p => Math.Abs(p.Mean - median)));
            if (mad == 0)
            {
                continue;
            }

            var z = (f.Mean - median) / (MadScale * mad);
            if (f.Mean > policy.FacilityMeanRatio * median && z > policy.FacilityRobustZ)
            {
                found.Add(new FacilityCostOutlier(f.FacilityId, f.Mean, median, mad, z, wide, peers.Count, f.Settlements));
            }
        }

        return found.OrderBy(o => o.FacilityId, StringComparer.Ordinal).ToList();
    }
}
