using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Store;

/// <summary>
/// The analytics store (issue 5): what monthly analysis, month close (R12/R13), triage and the report read and write.
/// SQLite serves the embedded default, ClickHouse the scaled deployment; both give the same answers to the same
/// writes. Every write is idempotent: a row is keyed (settlement_id, alert_id, ...) and writing it again, or a replay
/// of the whole input, changes no figure. Money is in fen (Int64) so sums are exact in both stores.
/// </summary>
public interface IAnalyticsStore : IAsyncDisposable
{
    /// <summary>A name for messages: <c>sqlite:PATH</c> or the ClickHouse server and database (never a password).</summary>
    string Describe { get; }

    /// <summary>Applies the ordered migrations not yet applied; safe at every start and by several processes.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>The ids of the migrations applied, in order.</summary>
    Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct);

    /// <summary>
    /// Writes a batch; every row replaces the row of the same key (latest version wins). Enrolments are sets: the
    /// batch's rows of a patient replace all that patient's earlier rows, unless the store holds a set of the patient
    /// from a batch with a higher <see cref="AnalyticsBatch.EnrolmentVersion"/> (see <see cref="AnalyticsBatch.Enrolments"/>).
    /// </summary>
    Task WriteAsync(AnalyticsBatch batch, CancellationToken ct);

    /// <summary>
    /// Recomputes the facility-month and patient-month rollups of <paramref name="month"/> (<c>yyyy-MM</c>) from the
    /// settlements not reversed; running it again gives the same rows. A facility's kind, level and region (and so the
    /// patient-month's facility level) are the <c>facilities</c> table's as it is at the refresh; a facility the table
    /// lacks keeps the values its settlements were recorded with. Atomic per rollup: a reader at the same time sees
    /// the month as before or as after, never part of it, and two refreshes at once leave a whole month.
    /// </summary>
    Task RefreshRollupsAsync(string month, CancellationToken ct);

    /// <summary>The facility-month rollup of a month (after <see cref="RefreshRollupsAsync"/>), ordered by facility.</summary>
    Task<IReadOnlyList<FacilityMonthRow>> FacilityMonthsAsync(string month, CancellationToken ct);

    /// <summary>The patient-month rollup of a month, ordered by (patient key, disease, facility level).</summary>
    Task<IReadOnlyList<PatientMonthRow>> PatientMonthsAsync(string month, CancellationToken ct);

    /// <summary>Enrolment rows of each patient's standing set whose benefit period overlaps the month.</summary>
    Task<IReadOnlyList<EnrolmentRow>> EnrolmentsAsync(string month, CancellationToken ct);

    /// <summary>Stays admitted in the month.</summary>
    Task<IReadOnlyList<StayRow>> StaysAdmittedAsync(string month, CancellationToken ct);

    Task<IReadOnlyList<DiseaseRow>> DiseasesAsync(CancellationToken ct);

    Task<IReadOnlyList<FacilityRow>> FacilitiesAsync(CancellationToken ct);

    /// <summary>The latest record of one alert, or null.</summary>
    Task<Alert?> FindAlertAsync(string alertId, CancellationToken ct);

    /// <summary>The latest record of every alert whose event_time falls in the month (any status).</summary>
    Task<IReadOnlyList<Alert>> AlertsAsync(string month, CancellationToken ct);

    /// <summary>
    /// The latest record of the alerts that match every filter of <paramref name="query"/>, newest event first (by the
    /// second of event_time, then alert id in byte order), at most <see cref="AlertQuery.Limit"/>: the triage list.
    /// </summary>
    Task<IReadOnlyList<Alert>> SearchAlertsAsync(AlertQuery query, CancellationToken ct);

    /// <summary>The latest R12/R13 alerts of a period, any status (month close diffs against them).</summary>
    Task<IReadOnlyList<Alert>> PeriodAlertsAsync(string period, CancellationToken ct);

    /// <summary>The latest record of one action, or null.</summary>
    Task<IntegrityAction?> FindActionAsync(string actionId, CancellationToken ct);

    /// <summary>Actions whose effective_from falls in the month.</summary>
    Task<IReadOnlyList<IntegrityAction>> ActionsAsync(string month, CancellationToken ct);

    /// <summary>The latest record of every action of one patient (any month, REINSTATE records included), ordered by action id.</summary>
    Task<IReadOnlyList<IntegrityAction>> PatientActionsAsync(string patientId, CancellationToken ct);

    /// <summary>Every review decision, ordered by (decided_at, decision id): the audit trail and an input of the engine.</summary>
    Task<IReadOnlyList<ReviewDecision>> DecisionsAsync(CancellationToken ct);
}
