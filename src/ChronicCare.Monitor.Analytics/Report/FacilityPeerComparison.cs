namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>
/// A facility's cost per settlement against its peers (高均次费用; seed Chongqing 三(二)), as R12 judges it: the peers
/// are the facilities of the same kind and level in the same city with enough settlements, itself included, or the
/// same kind and level everywhere when the city has too few (<see cref="PeersEverywhere"/>).
/// </summary>
/// <param name="Rank">1-based, by <see cref="Ratio"/> descending then facility id.</param>
/// <param name="MeanFen">Mean total per settlement, fen.</param>
/// <param name="PeerMedianFen">Median of the peers' means, fen.</param>
/// <param name="Ratio">Mean / peer median; null when the median is 0.</param>
/// <param name="RobustZ">(mean − median) / (1.4826 × MAD); null when MAD = 0 (R12 skips those).</param>
/// <param name="R12Alert">An open R12 alert names this facility for the month.</param>
public sealed record FacilityPeerComparison(
    int Rank,
    string FacilityId,
    string Name,
    string Kind,
    int Level,
    string Region,
    long Settlements,
    decimal MeanFen,
    decimal PeerMedianFen,
    decimal? Ratio,
    decimal? RobustZ,
    int Peers,
    bool PeersEverywhere,
    bool R12Alert);

/// <summary>The thresholds of the facility comparison (<see cref="ChronicCare.Monitor.Policy.CostOutlierPolicy"/>).</summary>
public sealed record FacilityCriteria(int MinSettlements, int PeerGroupMinFacilities);
