namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>A facility-month whose settlements are inflated (R12), and what was inflated.</summary>
internal sealed class FacilityTarget(int facility, int monthIndex)
{
    public int Facility { get; } = facility;

    /// <summary>Month number since the window's first month.</summary>
    public int MonthIndex { get; } = monthIndex;

    public List<string> SettlementIds { get; } = [];

    /// <summary>All non-reversed settlements at the facility that month (R12 needs at least 30).</summary>
    public int Settlements { get; set; }
}
