using System.Text;
using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Streaming.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Dashboards.Tests.Support;

/// <summary>
/// A real clickhouse-server (the shared <see cref="ClickHouseServer"/> fixture) with the analytics schema migrated by
/// <see cref="ClickHouseAnalyticsStore.MigrateAsync"/> into the database the dashboards name (<c>chroniccare</c>: the
/// server is this fixture's alone) and a small, hand-countable data set written through the store and its rollups.
/// </summary>
public sealed class SeededClickHouse : IAsyncLifetime, IDisposable
{
    public const string Database = "chroniccare";

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private readonly ClickHouseServer _server = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        await using var store = new ClickHouseAnalyticsStore(new ClickHouseOptions { Url = _server.Url, Database = Database });
        await store.MigrateAsync(CancellationToken.None);
        await store.WriteAsync(Data(), CancellationToken.None);
        await store.RefreshRollupsAsync("2026-03", CancellationToken.None);
        await store.RefreshRollupsAsync("2026-04", CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    /// <summary>Runs <paramref name="sql"/> with <c>FORMAT JSON</c>: its columns (from the answer's meta) and rows; ClickHouse's whole error text on failure.</summary>
    internal async Task<QueryResult> QueryAsync(string sql)
    {
        using var content = new StringContent(sql.TrimEnd() + "\nFORMAT JSON", Encoding.UTF8);
        using var response = await _http.PostAsync(_server.Url, content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ClickHouse answered {(int)response.StatusCode}: {body.Trim()}\n--- SQL ---\n{sql}");
        }

        using var json = JsonDocument.Parse(body);
        var columns = json.RootElement.GetProperty("meta").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToList();
        var rows = json.RootElement.GetProperty("data").EnumerateArray()
            .Select(r => columns.ToDictionary(c => c, c => Text(r.GetProperty(c)), StringComparer.Ordinal))
            .ToList();
        return new QueryResult(columns, rows);
    }

    /// <summary>
    /// Two facilities (Lianyungang 320706, Wenzhou 330303), three patients' settlements in March and April 2026, and
    /// alerts, decisions and actions whose counts the tests know: 5 open alerts (one withdrawn beside them, one at a
    /// facility the reference does not know), one confirmed in triage, one WARNING in force at the end of 2026 (P1's;
    /// P2's is revoked, P4's expired).
    /// </summary>
    private static AnalyticsBatch Data()
    {
        var b = new AnalyticsBatch();
        b.Facilities.Add(new FacilityRow("F001", "海州区中心医院", "hospital", 2, "320706"));
        b.Facilities.Add(new FacilityRow("F002", "龙湾区社区卫生服务中心", "community", 1, "330303"));
        b.Diseases.Add(new DiseaseRow("HTN", "高血压", 15_000));
        b.Diseases.Add(new DiseaseRow("T2DM", "2型糖尿病", 20_000));

        (string Key, string Region, string Facility, string Disease)[] patients =
        [
            ("pk_a", "320706", "F001", "HTN"),
            ("pk_b", "320706", "F001", "T2DM"),
            ("pk_c", "330303", "F002", "HTN"),
        ];
        var n = 0;
        foreach (var (key, region, facility, disease) in patients)
        {
            b.ReplaceEnrolments(key);
            b.Enrolments.Add(new EnrolmentRow(key, disease, region, "employee", new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31)));
            foreach (var day in new[] { new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 6) })
            {
                n++;
                b.Settlements.Add(Settlement($"S{n:000}", key, region, facility, disease, day, 10_000 * n));
            }
        }

        b.Alerts.Add(Alert("R01:S001", "R01", AlertStatus.Open, Severity.Medium, "P1", "S001", "F001", null, "2026-03-05T10:00:00+08:00", 3, 5));
        b.Alerts.Add(Alert("R05:S004", "R05", AlertStatus.Open, Severity.High, "P2", "S004", "F002", null, "2026-03-20T10:00:00+08:00", 3, 20));
        b.Alerts.Add(Alert("R02:S002", "R02", AlertStatus.Withdrawn, Severity.Medium, "P1", "S002", "F001", null, "2026-03-20T10:00:00+08:00", 3, 21));
        b.Alerts.Add(Alert("R12:F001:2026-03", "R12", AlertStatus.Open, Severity.High, null, null, "F001", "2026-03", "2026-03-01T00:00:00+08:00", 4, 1));
        b.Alerts.Add(Alert("R13:P3:HTN:2026-04", "R13", AlertStatus.Open, Severity.Medium, "P3", null, null, "2026-04", "2026-04-01T00:00:00+08:00", 5, 1));
        b.Alerts.Add(Alert("R15:S009", "R15", AlertStatus.Open, Severity.Low, "P4", "S009", "F999", null, "2026-04-06T10:00:00+08:00", 4, 6));

        b.Decisions.Add(Decision("R05:S004", "P2", ReviewVerdict.Dismiss, At(2026, 3, 21)));
        b.Decisions.Add(Decision("R05:S004", "P2", ReviewVerdict.Confirm, At(2026, 3, 22)));

        b.Actions.Add(Action("WARNING:P1:20260305", "P1", ActionKind.Warning, At(2026, 3, 5), At(2027, 3, 5), null));
        b.Actions.Add(Action("WARNING:P2:20260320", "P2", ActionKind.Warning, At(2026, 3, 20), At(2027, 3, 20), null));
        b.Actions.Add(Action("SUSPEND:P2:S004", "P2", ActionKind.Suspend, At(2026, 3, 20), null, null));
        b.Actions.Add(Action("REINSTATE:WARNING:P2:20260320", "P2", ActionKind.Reinstate, At(2026, 4, 2), null, "WARNING:P2:20260320"));
        b.Actions.Add(Action("WARNING:P4:20250101", "P4", ActionKind.Warning, At(2025, 1, 1), At(2026, 1, 1), null));
        return b;
    }

    private static SettlementRow Settlement(string id, string key, string region, string facility, string disease, DateOnly day, long totalFen)
    {
        var drug = totalFen * 60 / 100;
        var exam = totalFen * 20 / 100;
        var treatment = totalFen * 15 / 100;
        var fund = totalFen * 70 / 100;
        return new SettlementRow(id, key, region, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Beijing), day, facility,
            facility == "F001" ? "hospital" : "community", facility == "F001" ? 2 : 1, region, disease, LongPrescription: false,
            totalFen, fund, totalFen - fund, drug, exam, treatment, totalFen - drug - exam - treatment);
    }

    private static Alert Alert(string id, string rule, AlertStatus status, Severity severity, string? patient, string? settlement, string? facility,
        string? period, string eventTime, int detectedMonth, int detectedDay) => new(
        id, rule, status, severity, patient, settlement, facility, period, eventTime, At(2026, detectedMonth, detectedDay).AddMinutes(5), Score: null,
        $$"""{"rule":"{{rule}}","remaining_days":12,"note":"引号\"与\\反斜杠"}""", $"{rule} 预警说明", $"{rule} alert message");

    private static ReviewDecision Decision(string alertId, string patient, ReviewVerdict verdict, DateTimeOffset at) => new()
    {
        PatientId = patient,
        Verdict = verdict,
        AlertId = alertId,
        Rule = alertId[..3],
        IncidentDate = new DateOnly(2026, 3, 20),
        DecidedBy = "审核员 王",
        DecidedAt = new Timestamp(at),
    };

    private static IntegrityAction Action(string id, string patient, ActionKind kind, DateTimeOffset from, DateTimeOffset? until, string? revokes) => new(
        id, patient, kind, new Timestamp(from), until is null ? null : new Timestamp(until.Value), "R01", [], revokes is null, revokes is null ? null : "审核员 王",
        revokes, from.AddMinutes(1));

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, Beijing);

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}

/// <summary>A query's answer: column names in order and rows as text (numbers as JSON writes them, NULL as empty).</summary>
internal sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows);
