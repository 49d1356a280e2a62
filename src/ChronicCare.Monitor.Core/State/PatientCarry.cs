using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.State;

/// <summary>
/// What a patient's pruned history still contributes: the supply ledger, the year's first facilities, the
/// running quota sums, whether an over-prescribing incident already happened, and the automatic actions
/// it triggered. Settlements before <see cref="Horizon"/> are gone; this is all that is left of them.
/// </summary>
internal sealed class PatientCarry
{
    public required DateOnly Horizon { get; init; }

    public required SupplyLedger Ledger { get; init; }

    public required DesignationTracker Designation { get; init; }

    public required QuotaTracker Quota { get; init; }

    public required bool HadIncident { get; init; }

    public required IReadOnlyList<IntegrityAction> Actions { get; init; }
}
