using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// Ranks facilities by cost per settlement against their peers, mirroring R12 (FacilityCostRule): facilities with at
/// least <see cref="CostOutlierPolicy.FacilityMinSettlements"/> settlements; peers of the same kind and level in the same
/// city (first 4 digits of the region), itself included, or of the same kind and level everywhere when the city has
/// fewer than <see cref="CostOutlierPolicy.PeerGroupMinFacilities"/>. Peers come from every region; the region filter
/// picks only which facilities are listed.
/// </summary>
internal static class FacilityPeerRanking
{
    public static IReadOnlyList<FacilityPeerComparison> Top(
        IEnumerable<FacilityMonthRow> month,
        IReadOnlyDictionary<string, FacilityRow> facilities,
        IEnumerable<Alert> periodAlerts,
        CostOutlierPolicy policy,
        RegionFilter filter,
        int count)
    {
        var judged = month
            .Where(f => f.Settlements > 0 && f.Settlements >= policy.FacilityMinSettlements)
            .Select(f => (Row: f, Mean: (decimal)f.TotalFen / f.Settlements, City: CityOf(f.Region)))
            .ToList();
        var flagged = periodAlerts
            .Where(a => a.Rule == "R12" && a.Status == AlertStatus.Open && a.FacilityId is not null)
            .Select(a => a.FacilityId!)
            .ToHashSet(StringComparer.Ordinal);

        var found = new List<FacilityPeerComparison>();
        foreach (var (f, standing) in FacilityCostRule.Standings(judged, f => f.Mean, f => (f.Row.Kind, f.Row.Level, f.City), policy.PeerGroupMinFacilities))
        {
            if (!filter.Matches(f.Row.Region))
            {
                continue;
            }

            decimal? ratio = standing.Median == 0 ? null : f.Mean / standing.Median;
            var name = facilities.TryGetValue(f.Row.FacilityId, out var known) ? known.Name : string.Empty;
            found.Add(new FacilityPeerComparison(
                0, f.Row.FacilityId, name, f.Row.Kind, f.Row.Level, f.Row.Region, f.Row.Settlements, f.Mean, standing.Median, ratio,
                standing.RobustZ(f.Mean), standing.Peers, standing.PeersEverywhere, flagged.Contains(f.Row.FacilityId)));
        }

        return found
            .OrderBy(f => f.Ratio is null ? 1 : 0)
            .ThenByDescending(f => f.Ratio)
            .ThenBy(f => f.FacilityId, StringComparer.Ordinal)
            .Take(count)
            .Select((f, i) => f with { Rank = i + 1 })
            .ToList();
    }

    private static string CityOf(string region) => region.Length >= 4 ? region[..4] : region;
}
