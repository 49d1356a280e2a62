using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// Rows read back into records, each from the column list <see cref="SqliteQueries"/> selects (by position, in that
/// order). The inverse of <see cref="SqliteUpserts"/>: what was written comes back equal, field by field.
/// </summary>
internal static class SqliteRecords
{
    public const string AlertColumns =
        "alert_id, rule, status, severity, patient_id, settlement_id, facility_id, period, event_time, detected_at, score, evidence, message_zh, message_en";

    public const string ActionColumns =
        "action_id, patient_id, action, effective_from, effective_until, reason_rule, alert_ids, automatic, decided_by, revokes, decided_at";

    public const string DecisionColumns =
        "patient_id, verdict, alert_id, rule, incident_date, action_id, finding, decided_by, decided_at, note";

    public static Alert Alert(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        StoreText.ParseStatus(r.GetString(2)),
        StoreText.ParseSeverity(r.GetString(3)),
        Text(r, 4),
        Text(r, 5),
        Text(r, 6),
        Text(r, 7),
        r.GetString(8),
        StoreText.ParseInstant(r.GetString(9)),
        r.IsDBNull(10) ? null : r.GetDouble(10),
        r.GetString(11),
        r.GetString(12),
        r.GetString(13));

    public static IntegrityAction Action(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        StoreText.ParseAction(r.GetString(2)),
        new Timestamp(StoreText.ParseInstant(r.GetString(3))),
        Text(r, 4) is { } until ? new Timestamp(StoreText.ParseInstant(until)) : null,
        r.GetString(5),
        JsonSerializer.Deserialize<string[]>(r.GetString(6), SqliteJson.Options) ?? [],
        r.GetInt64(7) != 0,
        Text(r, 8),
        Text(r, 9),
        StoreText.ParseInstant(r.GetString(10)));

    public static ReviewDecision Decision(SqliteDataReader r) => new()
    {
        PatientId = r.GetString(0),
        Verdict = StoreText.ParseVerdict(r.GetString(1)),
        AlertId = Text(r, 2),
        Rule = Text(r, 3),
        IncidentDate = Text(r, 4) is { } day ? StoreText.ParseDate(day) : null,
        ActionId = Text(r, 5),
        Finding = StoreText.ParseFinding(r.GetString(6)),
        DecidedBy = r.GetString(7),
        DecidedAt = new Timestamp(StoreText.ParseInstant(r.GetString(8))),
        Note = Text(r, 9),
    };

    public static FacilityMonthRow FacilityMonth(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6),
        r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13));

    public static PatientMonthRow PatientMonth(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetInt64(5),
        r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12));

    public static EnrolmentRow Enrolment(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), StoreText.ParseDate(r.GetString(4)), StoreText.ParseDate(r.GetString(5)));

    public static StayRow Stay(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3) is { } admitted ? StoreText.ParseDate(admitted) : null,
        Text(r, 4) is { } discharged ? StoreText.ParseDate(discharged) : null);

    public static DiseaseRow Disease(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt64(2));

    public static FacilityRow Facility(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
