using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// The write of every row type: which table, which columns, and how a second write of a key resolves (see
/// <see cref="SqliteUpsert{T}"/>). Records keep every field they are rebuilt from; derived columns (months, UTC
/// instants, versions) serve the queries.
/// </summary>
internal static class SqliteUpserts
{
    public static SqliteUpsert<SettlementRow> Settlements { get; } = SqliteUpsert<SettlementRow>.Replace(
        "settlements",
        ["settlement_id", "patient_key", "patient_region", "settled_at", "service_date", "month", "facility_id", "facility_kind", "facility_level",
            "facility_region", "disease_code", "long_prescription", "total_fen", "fund_fen", "self_fen", "drug_fen", "exam_fen", "treatment_fen", "material_fen"],
        s => [s.SettlementId, s.PatientKey, s.PatientRegion, StoreText.Instant(s.SettledAt), StoreText.Date(s.ServiceDate), s.Month, s.FacilityId,
            s.FacilityKind, s.FacilityLevel, s.FacilityRegion, s.DiseaseCode, s.LongPrescription ? 1 : 0, s.TotalFen, s.FundFen, s.SelfFen, s.DrugFen,
            s.ExamFen, s.TreatmentFen, s.MaterialFen]);

    public static SqliteUpsert<LineRow> Lines { get; } = SqliteUpsert<LineRow>.Replace(
        "settlement_lines",
        ["settlement_id", "line_no", "item_type", "item_code", "quantity", "amount_fen", "days_supply"],
        l => [l.SettlementId, l.LineNo, l.ItemType, l.ItemCode, l.Quantity, l.AmountFen, l.DaysSupply]);

    public static SqliteUpsert<ReversalRow> Reversals { get; } = SqliteUpsert<ReversalRow>.Replace(
        "reversals", ["settlement_id", "reversed_at"], r => [r.SettlementId, StoreText.Instant(r.ReversedAt)]);

    /// <summary>
    /// Admission and discharge arrive as separate rows of one stay: a date already known is kept when the other row
    /// lacks it. The patient and facility merge as the largest value seen, which is what ClickHouse's grouped read
    /// gives (both are the same on every row of a real stay).
    /// </summary>
    public static SqliteUpsert<StayRow> Stays { get; } = SqliteUpsert<StayRow>.Custom(
        "stays",
        ["stay_id", "patient_key", "facility_id", "admitted_on", "discharged_on"],
        """
        ON CONFLICT (stay_id) DO UPDATE SET
            patient_key = max(excluded.patient_key, stays.patient_key),
            facility_id = coalesce(max(excluded.facility_id, stays.facility_id), excluded.facility_id, stays.facility_id),
            admitted_on = coalesce(excluded.admitted_on, stays.admitted_on),
            discharged_on = coalesce(excluded.discharged_on, stays.discharged_on)
        """,
        s => [s.StayId, s.PatientKey, s.FacilityId, NullableDate(s.AdmittedOn), NullableDate(s.DischargedOn)]);

    /// <summary>Rows of the patients whose set a batch replaces (<see cref="SqliteEnrolmentSets"/> deletes their earlier rows first).</summary>
    public static SqliteUpsert<EnrolmentRow> Enrolments { get; } = SqliteUpsert<EnrolmentRow>.Replace(
        "enrolments",
        ["patient_key", "disease_code", "region", "insurance", "benefit_start", "valid_until"],
        e => [e.PatientKey, e.DiseaseCode, e.Region, e.Insurance, StoreText.Date(e.BenefitStart), StoreText.Date(e.ValidUntil)]);

    public static SqliteUpsert<DiseaseRow> Diseases { get; } = SqliteUpsert<DiseaseRow>.Replace(
        "diseases", ["disease_code", "name", "monthly_quota_fen"], d => [d.DiseaseCode, d.Name, d.MonthlyQuotaFen]);

    public static SqliteUpsert<FacilityRow> Facilities { get; } = SqliteUpsert<FacilityRow>.Replace(
        "facilities", ["facility_id", "name", "kind", "level", "region"], f => [f.FacilityId, f.Name, f.Kind, f.Level, f.Region]);

    public static SqliteUpsert<Alert> Alerts { get; } = SqliteUpsert<Alert>.LatestWins(
        "alerts",
        "alert_id",
        ["alert_id", "rule", "status", "severity", "patient_id", "settlement_id", "facility_id", "period", "event_time", "event_utc_ms", "event_month",
            "detected_at", "score", "evidence", "message_zh", "message_en", "version"],
        a => [a.AlertId, a.Rule, StoreText.Status(a.Status), StoreText.Severity(a.Severity), a.PatientId, a.SettlementId, a.FacilityId, a.Period,
            a.EventTime, UtcMilliseconds(a.EventTime), StoreText.EventMonth(a.EventTime), StoreText.Instant(a.DetectedAt), a.Score, a.EvidenceJson,
            a.MessageZh, a.MessageEn, StoreText.Version(a.DetectedAt)]);

    public static SqliteUpsert<IntegrityAction> Actions { get; } = SqliteUpsert<IntegrityAction>.LatestWins(
        "actions",
        "action_id",
        ["action_id", "patient_id", "action", "effective_from", "effective_month", "effective_until", "reason_rule", "alert_ids", "automatic",
            "decided_by", "revokes", "decided_at", "version"],
        a => [a.ActionId, a.PatientId, IntegrityAction.NameOf(a.Action), StoreText.Instant(a.EffectiveFrom.Value), StoreText.Month(a.EffectiveFrom.Value),
            a.EffectiveUntil is { } until ? StoreText.Instant(until.Value) : null, a.ReasonRule, JsonSerializer.Serialize(a.AlertIds, SqliteJson.Options),
            a.Automatic ? 1 : 0, a.DecidedBy, a.Revokes, StoreText.Instant(a.DecidedAt), StoreText.Version(a.DecidedAt)]);

    public static SqliteUpsert<ReviewDecision> Decisions { get; } = SqliteUpsert<ReviewDecision>.LatestWins(
        "decisions",
        "decision_id",
        ["decision_id", "patient_id", "verdict", "alert_id", "rule", "incident_date", "action_id", "finding", "decided_by", "decided_at", "decided_ticks",
            "note", "version"],
        d => [d.DecisionId, d.PatientId, ReviewJson.VerdictName(d.Verdict), d.AlertId, d.Rule, NullableDate(d.IncidentDate), d.ActionId,
            ReviewJson.FindingName(d.Finding), d.DecidedBy, StoreText.Instant(d.DecidedAt.Value), d.DecidedAt.UtcTicks, d.Note,
            StoreText.Version(d.DecidedAt.Value)]);

    private static string? NullableDate(DateOnly? d) => d is { } day ? StoreText.Date(day) : null;

    /// <summary>The instant of an event_time (an ISO timestamp with offset) in Unix ms; null if it is not one.</summary>
    private static long? UtcMilliseconds(string eventTime) =>
        DateTimeOffset.TryParse(eventTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.ToUnixTimeMilliseconds() : null;
}
