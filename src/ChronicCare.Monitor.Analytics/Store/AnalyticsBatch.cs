using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>One write to the store: any mix of rows; empty lists write nothing.</summary>
public sealed class AnalyticsBatch
{
    public List<SettlementRow> Settlements { get; } = [];

    public List<LineRow> Lines { get; } = [];

    public List<ReversalRow> Reversals { get; } = [];

    public List<StayRow> Stays { get; } = [];

    public List<EnrolmentRow> Enrolments { get; } = [];

    public List<DiseaseRow> Diseases { get; } = [];

    public List<FacilityRow> Facilities { get; } = [];

    public List<Alert> Alerts { get; } = [];

    public List<IntegrityAction> Actions { get; } = [];

    public List<ReviewDecision> Decisions { get; } = [];

    public int Count => Settlements.Count + Lines.Count + Reversals.Count + Stays.Count + Enrolments.Count + Diseases.Count
        + Facilities.Count + Alerts.Count + Actions.Count + Decisions.Count;

    public void Clear()
    {
        Settlements.Clear();
        Lines.Clear();
        Reversals.Clear();
        Stays.Clear();
        Enrolments.Clear();
        Diseases.Clear();
        Facilities.Clear();
        Alerts.Clear();
        Actions.Clear();
        Decisions.Clear();
    }
}
