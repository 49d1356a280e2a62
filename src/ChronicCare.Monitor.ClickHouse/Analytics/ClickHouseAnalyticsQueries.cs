using ChronicCare.Monitor.Analytics;
using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// The reads of <see cref="IAnalyticsStore"/> as ClickHouse SQL, each deduplicated with <c>FINAL</c> (its WHERE
/// applies to the surviving row of a key, checked on 18.16) and ordered by its key in byte order, as SQLite orders
/// them. Aliases never repeat a column name: a current server would read the alias inside the aggregate.
/// </summary>
internal sealed class ClickHouseAnalyticsQueries(ClickHouseCalls calls, string db)
{
    private const string AlertColumns = """
        alert_id, rule, status, severity, patient_id, settlement_id, facility_id, period, event_time, event_time_text, detected_at_text,
        score, score_text, evidence, message_zh, message_en, version
        """;

    private const string ActionColumns = """
        action_id, patient_id, action, effective_from, effective_until, effective_from_text, effective_until_text, reason_rule, alert_ids,
        automatic, decided_by, revokes, decided_at_text, version
        """;

    private const string Sums = "total_fen, fund_fen, self_fen, drug_fen, exam_fen, treatment_fen, material_fen";

    public Task<IReadOnlyList<FacilityMonthRow>> FacilityMonthsAsync(string month, CancellationToken ct) => calls.QueryAsync(
        $"""
        SELECT facility_id, kind, level, region, settlements, patients, {Sums}
        FROM {T("facility_month")} FINAL WHERE month = {ClickHouseLiteral.Date(Months.Range(month).First)} ORDER BY facility_id
        """,
        r => new FacilityMonthRow(month, r.Str("facility_id"), r.Str("kind"), r.Int("level"), r.Str("region"), r.Long("settlements"), r.Long("patients"),
            r.Long("total_fen"), r.Long("fund_fen"), r.Long("self_fen"), r.Long("drug_fen"), r.Long("exam_fen"), r.Long("treatment_fen"), r.Long("material_fen")),
        ct);

    public Task<IReadOnlyList<PatientMonthRow>> PatientMonthsAsync(string month, CancellationToken ct) => calls.QueryAsync(
        $"""
        SELECT patient_key, disease_code, facility_level, region, settlements, {Sums}
        FROM {T("patient_month")} FINAL WHERE month = {ClickHouseLiteral.Date(Months.Range(month).First)}
        ORDER BY patient_key, disease_code, facility_level
        """,
        r => new PatientMonthRow(month, r.Str("patient_key"), r.Str("disease_code"), r.Int("facility_level"), r.Str("region"), r.Long("settlements"),
            r.Long("total_fen"), r.Long("fund_fen"), r.Long("self_fen"), r.Long("drug_fen"), r.Long("exam_fen"), r.Long("treatment_fen"), r.Long("material_fen")),
        ct);

    /// <summary>The latest set of each patient (FINAL keeps the highest version), its arrays unfolded into rows.</summary>
    public Task<IReadOnlyList<EnrolmentRow>> EnrolmentsAsync(string month, CancellationToken ct)
    {
        var (first, last) = Months.Range(month);
        return calls.QueryAsync(
            $"""
            SELECT patient_key, disease_code, region, insurance, benefit_start, valid_until
            FROM {T("enrolment_sets")} FINAL
            ARRAY JOIN disease_codes AS disease_code, regions AS region, insurances AS insurance, benefit_starts AS benefit_start, valid_untils AS valid_until
            WHERE benefit_start <= {ClickHouseLiteral.Date(last)} AND valid_until >= {ClickHouseLiteral.Date(first)}
            ORDER BY patient_key, disease_code
            """,
            r => new EnrolmentRow(r.Str("patient_key"), r.Str("disease_code"), r.Str("region"), r.Str("insurance"), r.Date("benefit_start"), r.Date("valid_until")),
            ct);
    }

    /// <summary>A stay is its rows merged: the admission row's date, the discharge row's, the largest patient and facility.</summary>
    public Task<IReadOnlyList<StayRow>> StaysAdmittedAsync(string month, CancellationToken ct)
    {
        var (first, last) = Months.Range(month);
        return calls.QueryAsync(
            $"""
            SELECT stay_id, max(patient_key) AS patient, max(facility_id) AS facility, max(admitted_on) AS admitted, max(discharged_on) AS discharged
            FROM {T("stays")} FINAL GROUP BY stay_id
            HAVING admitted >= {ClickHouseLiteral.Date(first)} AND admitted <= {ClickHouseLiteral.Date(last)}
            ORDER BY stay_id
            """,
            r => new StayRow(r.Str("stay_id"), r.Str("patient"), r.NullableStr("facility"), r.NullableDate("admitted"), r.NullableDate("discharged")),
            ct);
    }

    public Task<IReadOnlyList<DiseaseRow>> DiseasesAsync(CancellationToken ct) => calls.QueryAsync(
        $"SELECT disease_code, name, monthly_quota_fen FROM {T("diseases")} FINAL ORDER BY disease_code",
        r => new DiseaseRow(r.Str("disease_code"), r.Str("name"), r.Long("monthly_quota_fen")),
        ct);

    public Task<IReadOnlyList<FacilityRow>> FacilitiesAsync(CancellationToken ct) => calls.QueryAsync(
        $"SELECT facility_id, name, kind, level, region FROM {T("facilities")} FINAL ORDER BY facility_id",
        r => new FacilityRow(r.Str("facility_id"), r.Str("name"), r.Str("kind"), r.Int("level"), r.Str("region")),
        ct);

    public async Task<Alert?> FindAlertAsync(string alertId, CancellationToken ct) =>
        (await calls.QueryAsync($"SELECT {AlertColumns} FROM {T(ClickHouseSchema.Alerts)} FINAL WHERE alert_id = {ClickHouseLiteral.String(alertId)}", Alert, ct)
            .ConfigureAwait(false)).SingleOrDefault();

    /// <summary>By the month of event_time in its own offset; a row the streaming writer added has only the UTC instant.</summary>
    public Task<IReadOnlyList<Alert>> AlertsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return calls.QueryAsync(
            $"""
            SELECT {AlertColumns}, if(event_month = '', formatDateTime(event_time, '%Y-%m'), event_month) AS in_month
            FROM {T(ClickHouseSchema.Alerts)} FINAL WHERE in_month = {ClickHouseLiteral.String(month)} ORDER BY alert_id
            """,
            Alert,
            ct);
    }

    /// <summary>The triage list, newest first by event_time (whole seconds, as SQLite orders it), then alert id.</summary>
    public Task<IReadOnlyList<Alert>> SearchAlertsAsync(AlertQuery q, CancellationToken ct)
    {
        var where = new List<string>();
        void Add(string column, string? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = {ClickHouseLiteral.String(value)}");
            }
        }

        Add("rule", q.Rule);
        Add("severity", q.Severity is { } severity ? StoreText.Severity(severity) : null);
        Add("status", q.Status is { } status ? StoreText.Status(status) : null);
        Add("facility_id", q.FacilityId);
        Add("patient_id", q.PatientId);
        if (q.Region is { } region)
        {
            where.Add($"facility_id IN (SELECT facility_id FROM {T("facilities")} FINAL WHERE region = {ClickHouseLiteral.String(region)})");
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return calls.QueryAsync(
            $"SELECT {AlertColumns} FROM {T(ClickHouseSchema.Alerts)} FINAL{filter} ORDER BY event_time DESC, alert_id LIMIT {q.Validate().Limit.ToString(CultureInfo.InvariantCulture)}",
            Alert,
            ct);
    }

    public Task<IReadOnlyList<Alert>> PeriodAlertsAsync(string period, CancellationToken ct) => calls.QueryAsync(
        $"SELECT {AlertColumns} FROM {T(ClickHouseSchema.Alerts)} FINAL WHERE period = {ClickHouseLiteral.String(period)} AND rule IN ('R12', 'R13') ORDER BY alert_id",
        Alert,
        ct);

    public async Task<IntegrityAction?> FindActionAsync(string actionId, CancellationToken ct) =>
        (await calls.QueryAsync($"SELECT {ActionColumns} FROM {T(ClickHouseSchema.Actions)} FINAL WHERE action_id = {ClickHouseLiteral.String(actionId)}", Action, ct)
            .ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<IntegrityAction>> ActionsAsync(string month, CancellationToken ct)
    {
        Months.Parse(month);
        return calls.QueryAsync(
            $"""
            SELECT {ActionColumns}, if(effective_month = '', formatDateTime(effective_from, '%Y-%m'), effective_month) AS in_month
            FROM {T(ClickHouseSchema.Actions)} FINAL WHERE in_month = {ClickHouseLiteral.String(month)} ORDER BY action_id
            """,
            Action,
            ct);
    }

    public Task<IReadOnlyList<IntegrityAction>> PatientActionsAsync(string patientId, CancellationToken ct) => calls.QueryAsync(
        $"SELECT {ActionColumns} FROM {T(ClickHouseSchema.Actions)} FINAL WHERE patient_id = {ClickHouseLiteral.String(patientId)} ORDER BY action_id",
        Action,
        ct);

    public Task<IReadOnlyList<ReviewDecision>> DecisionsAsync(CancellationToken ct) => calls.QueryAsync(
        $"""
        SELECT patient_id, verdict, alert_id, rule, incident_date, action_id, finding, decided_by, decided_at_text, note
        FROM {T("decisions")} FINAL ORDER BY decided_ticks, decision_id
        """,
        r => new ReviewDecision
        {
            PatientId = r.Str("patient_id"),
            Verdict = StoreText.ParseVerdict(r.Str("verdict")),
            AlertId = r.NullableStr("alert_id"),
            Rule = r.NullableStr("rule"),
            IncidentDate = r.NullableDate("incident_date"),
            ActionId = r.NullableStr("action_id"),
            Finding = StoreText.ParseFinding(r.Str("finding")),
            DecidedBy = r.Str("decided_by"),
            DecidedAt = new Timestamp(StoreText.ParseInstant(r.Str("decided_at_text"))),
            Note = r.NullableStr("note"),
        },
        ct);

    /// <summary>
    /// An alert row as a record. Its own texts when the store wrote it; a row of the streaming writer falls back to
    /// the UTC event_time, the version's milliseconds and the Float64 score.
    /// </summary>
    private static Alert Alert(JsonElement r) => new(
        r.Str("alert_id"),
        r.Str("rule"),
        StoreText.ParseStatus(r.Str("status")),
        StoreText.ParseSeverity(r.Str("severity")),
        r.NullableStr("patient_id"),
        r.NullableStr("settlement_id"),
        r.NullableStr("facility_id"),
        r.NullableStr("period"),
        r.Str("event_time_text") is { Length: > 0 } eventTime ? eventTime : IsoUtc(r.Utc("event_time")),
        r.Str("detected_at_text") is { Length: > 0 } detected ? StoreText.ParseInstant(detected) : DateTimeOffset.FromUnixTimeMilliseconds(r.Long("version")),
        r.Str("score_text") is { Length: > 0 } score ? double.Parse(score, NumberStyles.Float, CultureInfo.InvariantCulture) : r.NullableDouble("score"),
        r.Str("evidence"),
        r.Str("message_zh"),
        r.Str("message_en"));

    private static IntegrityAction Action(JsonElement r)
    {
        var exact = r.Str("effective_from_text").Length > 0;
        return new IntegrityAction(
            r.Str("action_id"),
            r.Str("patient_id"),
            StoreText.ParseAction(r.Str("action")),
            new Timestamp(exact ? StoreText.ParseInstant(r.Str("effective_from_text")) : r.Utc("effective_from")),
            r.NullableStr("effective_until") is null ? null
                : new Timestamp(exact ? StoreText.ParseInstant(r.Str("effective_until_text")) : r.Utc("effective_until")),
            r.Str("reason_rule"),
            r.StrArray("alert_ids"),
            r.Bool("automatic"),
            r.NullableStr("decided_by"),
            r.NullableStr("revokes"),
            r.Str("decided_at_text") is { Length: > 0 } decided ? StoreText.ParseInstant(decided) : DateTimeOffset.FromUnixTimeMilliseconds(r.Long("version")));
    }

    private static string IsoUtc(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string T(string table) => ClickHouseSchema.Table(db, table);
}
