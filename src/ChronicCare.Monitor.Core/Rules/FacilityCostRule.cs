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
        ArgumentNullException.ThrowIfNull(policy);
        var judged = month.Where(f => f.Settlements >= policy.FacilityMinSettlements).ToList();
        var found = new List<FacilityCostOutlier>();
        foreach (var (f, standing) in Standings(judged, f => f.Mean, f => (f.Kind.ToString(), f.Level, f.City), policy.PeerGroupMinFacilities))
        {
            // Skipped when MAD = 0 (contract §3).
            if (standing.RobustZ(f.Mean) is { } z && f.Mean > policy.FacilityMeanRatio * standing.Median && z > policy.FacilityRobustZ)
            {
                found.Add(new FacilityCostOutlier(f.FacilityId, f.Mean, standing.Median, standing.Mad, z, standing.PeersEverywhere, standing.Peers, f.Settlements));
            }
        }

        return found.OrderBy(o => o.FacilityId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Each facility's standing among its peer group (R12's measures), for R12 and for the report's peer table alike.
    /// <paramref name="judged"/> are the facilities with enough settlements; peers are those of the same kind and level
    /// in the same city, itself included, or of the same kind and level everywhere when the city has fewer than
    /// <paramref name="peerGroupMinFacilities"/>. The mean may be in any unit (yuan, fen): the ratio and z are the same.
    /// </summary>
    public static IEnumerable<(T Facility, PeerStanding Standing)> Standings<T>(
        IReadOnlyList<T> judged, Func<T, decimal> mean, Func<T, (string Kind, int Level, string City)> group, int peerGroupMinFacilities)
    {
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(group);
        var everywhere = judged.ToLookup(f => (group(f).Kind, group(f).Level));
        var inCity = judged.ToLookup(group);
        foreach (var f in judged)
        {
            var (kind, level, _) = group(f);
            var city = inCity[group(f)].ToList();
            var wide = city.Count < peerGroupMinFacilities;
            var peers = wide ? everywhere[(kind, level)].ToList() : city;
            var median = Median.Of(peers.Select(mean));
            var mad = Median.Of(peers.Select(p => Math.Abs(mean(p) - median)));
            yield return (f, new PeerStanding(median, mad, peers.Count, wide));
        }
    }

    /// <summary>A facility's peer group as R12 sees it: the median of the peers' means, their MAD, how many, and where from.</summary>
    public readonly record struct PeerStanding(decimal Median, decimal Mad, int Peers, bool PeersEverywhere)
    {
        /// <summary>(mean − median) / (1.4826 × MAD); null when MAD = 0.</summary>
        public decimal? RobustZ(decimal mean) => Mad == 0 ? null : (mean - Median) / (MadScale * Mad);
    }
}
