using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// For R04: the first facility of each class a patient used in each year, by supply order. It is the
/// designated facility where the patient record names none (contract §3 R04).
/// </summary>
internal sealed class DesignationTracker
{
    private readonly Dictionary<(int Year, FacilityClass Class), (string FacilityId, string SettlementId)> _first;

    public DesignationTracker()
    {
        _first = [];
    }

    private DesignationTracker(Dictionary<(int, FacilityClass), (string, string)> first)
    {
        _first = first;
    }

    /// <summary>The first facility of the class that year, recording this one if it is the first.</summary>
    public (string FacilityId, string SettlementId) FirstOrRecord(int year, FacilityClass cls, string facilityId, string settlementId)
    {
        if (!_first.TryGetValue((year, cls), out var first))
        {
            first = (facilityId, settlementId);
            _first[(year, cls)] = first;
        }

        return first;
    }

    /// <summary>For persistence: the first facility (and its settlement) per year and class.</summary>
    internal IReadOnlyList<(int Year, FacilityClass Class, string FacilityId, string SettlementId)> Export() =>
        _first.Select(kv => (kv.Key.Year, kv.Key.Class, kv.Value.FacilityId, kv.Value.SettlementId)).ToList();

    /// <summary>The inverse of <see cref="Export"/>.</summary>
    internal static DesignationTracker Import(IEnumerable<(int Year, FacilityClass Class, string FacilityId, string SettlementId)> entries) =>
        new(entries.ToDictionary(e => (e.Year, e.Class), e => (e.FacilityId, e.SettlementId)));

    public DesignationTracker Clone() => new(new Dictionary<(int, FacilityClass), (string, string)>(_first));

    public DesignationTracker Snapshot(DateOnly horizon) =>
        new(_first.Where(kv => kv.Key.Year >= horizon.Year).ToDictionary(kv => kv.Key, kv => kv.Value));
}
