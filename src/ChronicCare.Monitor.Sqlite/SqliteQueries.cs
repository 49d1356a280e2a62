using ChronicCare.Monitor.Analytics;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;
using Microsoft.Data.Sqlite;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>
/// The reads of <see cref="IAnalyticsStore"/> as SQL. Every list is ordered by its key (BINARY collation: byte order
/// of the UTF-8 text, the order ClickHouse sorts strings in), so both stores return the same sequence.
/// </summary>
internal static class SqliteQueries
{
    public static IReadOnlyList<FacilityMonthRow> FacilityMonths(SqliteConnection c, string month) => Read(c,
        "SELECT month, facility_id, kind, level, region, settlements, patients, total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen "
        + "FROM facility_month WHERE month = $a ORDER BY facility_id",
        SqliteRecords.FacilityMonth,
        month);

    public static IReadOnlyList<PatientMonthRow> PatientMonths(SqliteConnection c, string month) => Read(c,
        "SELECT month, patient_key, disease_code, facility_level, region, settlements, total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen "
        + "FROM patient_month WHERE month = $a ORDER BY patient_key, disease_code, facility_level",
        SqliteRecords.PatientMonth,
        month);

    public static IReadOnlyList<EnrolmentRow> Enrolments(SqliteConnection c, string month)
    {
        var (first, last) = Months.Range(month);
        return Read(c,
            "SELECT patient_key, disease_code, region, insurance, benefit_start, valid_until FROM enrolments "
            + "WHERE benefit_start <= $a AND valid_until >= $b ORDER BY patient_key, disease_code",
            SqliteRecords.Enrolment,
            StoreText.Date(last),
            StoreText.Date(first));
    }

    public static IReadOnlyList<StayRow> StaysAdmitted(SqliteConnection c, string month)
    {
        var (first, last) = Months.Range(month);
        return Read(c,
            "SELECT stay_id, patient_key, facility_id, admitted_on, discharged_on FROM stays WHERE admitted_on >= $a AND admitted_on <= $b ORDER BY stay_id",
            SqliteRecords.Stay,
            StoreText.Date(first),
            StoreText.Date(last));
    }

    public static IReadOnlyList<DiseaseRow> Diseases(SqliteConnection c) =>
        Read(c, "SELECT disease_code, name, monthly_quota_fen FROM diseases ORDER BY disease_code", SqliteRecords.Disease);

    public static IReadOnlyList<FacilityRow> Facilities(SqliteConnection c) =>
        Read(c, "SELECT facility_id, name, kind, level, region FROM facilities ORDER BY facility_id", SqliteRecords.Facility);

    public static Alert? FindAlert(SqliteConnection c, string alertId) =>
        Read(c, $"SELECT {SqliteRecords.AlertColumns} FROM alerts WHERE alert_id = $a", SqliteRecords.Alert, alertId).SingleOrDefault();

    public static IReadOnlyList<Alert> Alerts(SqliteConnection c, string month) =>
        Read(c, $"SELECT {SqliteRecords.AlertColumns} FROM alerts WHERE event_month = $a ORDER BY alert_id", SqliteRecords.Alert, month);

    /// <summary>
    /// The triage list: each filter given becomes one condition; newest first by the whole second of the event (the
    /// precision ClickHouse keeps), then alert id. A row without a parsable instant sorts last.
    /// </summary>
    public static IReadOnlyList<Alert> SearchAlerts(SqliteConnection c, AlertQuery q)
    {
        var where = new List<string>();
        var args = new List<string>();
        void Add(string condition, string? value)
        {
            if (value is not null)
            {
                args.Add(value);
                where.Add(condition.Replace("$x", "$" + (char)('a' + args.Count - 1), StringComparison.Ordinal));
            }
        }

        Add("rule = $x", q.Rule);
        Add("severity = $x", q.Severity is { } severity ? StoreText.Severity(severity) : null);
        Add("status = $x", q.Status is { } status ? StoreText.Status(status) : null);
        Add("facility_id IN (SELECT facility_id FROM facilities WHERE region = $x)", q.Region);
        Add("facility_id = $x", q.FacilityId);
        Add("patient_id = $x", q.PatientId);
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return Read(c,
            $"SELECT {SqliteRecords.AlertColumns} FROM alerts{filter} ORDER BY event_utc_ms IS NULL, event_utc_ms / 1000 DESC, alert_id LIMIT {q.Validate().Limit}",
            SqliteRecords.Alert,
            [.. args]);
    }

    public static IReadOnlyList<Alert> PeriodAlerts(SqliteConnection c, string period) => Read(c,
        $"SELECT {SqliteRecords.AlertColumns} FROM alerts WHERE period = $a AND rule IN ('R12', 'R13') ORDER BY alert_id",
        SqliteRecords.Alert,
        period);

    public static IntegrityAction? FindAction(SqliteConnection c, string actionId) =>
        Read(c, $"SELECT {SqliteRecords.ActionColumns} FROM actions WHERE action_id = $a", SqliteRecords.Action, actionId).SingleOrDefault();

    public static IReadOnlyList<IntegrityAction> Actions(SqliteConnection c, string month) =>
        Read(c, $"SELECT {SqliteRecords.ActionColumns} FROM actions WHERE effective_month = $a ORDER BY action_id", SqliteRecords.Action, month);

    public static IReadOnlyList<IntegrityAction> PatientActions(SqliteConnection c, string patientId) =>
        Read(c, $"SELECT {SqliteRecords.ActionColumns} FROM actions WHERE patient_id = $a ORDER BY action_id", SqliteRecords.Action, patientId);

    public static IReadOnlyList<ReviewDecision> Decisions(SqliteConnection c) =>
        Read(c, $"SELECT {SqliteRecords.DecisionColumns} FROM decisions ORDER BY decided_ticks, decision_id", SqliteRecords.Decision);

    /// <summary>Runs a query whose parameters are <c>$a</c>, <c>$b</c>, ... in order and maps each row.</summary>
    private static List<T> Read<T>(SqliteConnection c, string sql, Func<SqliteDataReader, T> map, params string[] args)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), args[i]);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
