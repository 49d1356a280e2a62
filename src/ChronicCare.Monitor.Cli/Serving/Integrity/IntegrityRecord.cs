using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Cli.Serving.Integrity;

/// <summary>
/// A patient's integrity record (contract §5) as triage sees it: the actions the store holds and where each stands,
/// the sanctions the recorded decisions now imply that <c>detect</c>/<c>run</c> have not applied yet
/// (<see cref="Pending"/>), the ladder, the over-prescribing incidents with their review, the audit trail of decisions,
/// and the patient's alerts.
/// </summary>
internal sealed record IntegrityRecord(
    string PatientId,
    int ConfirmedIncidents,
    IReadOnlyList<LadderStep> Ladder,
    IReadOnlyList<RecordedAction> Actions,
    IReadOnlyList<IntegrityAction> Pending,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyList<Alert> Alerts);
