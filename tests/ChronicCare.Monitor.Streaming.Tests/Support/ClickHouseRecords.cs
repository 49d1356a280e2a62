using System.Text.Json;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>Alert and action records for the ClickHouse tests, and the tables read back deduplicated.</summary>
internal static class ClickHouseRecords
{
    public static readonly DateTimeOffset Detected = new(2026, 3, 12, 8, 0, 0, 123, TimeSpan.Zero);

    public const string MessageZh = "重复开药：距上次取药（2026-03-01，30 天）仍余 19 天";

    public static Alert Alert(string settlementId, AlertStatus status = AlertStatus.Open, DateTimeOffset? detectedAt = null, string messageZh = MessageZh, string? evidence = null) => new(
        Monitor.Alerts.Alert.IdFor("R01", settlementId), "R01", status, Severity.High, "P0001", settlementId, "F320705101", null,
        "2026-03-12T15:40:00+08:00", detectedAt ?? Detected, null,
        evidence ?? """{"earlier":[{"settlement_id":"S0001","facility_id":"F320705002","date":"2026-03-01","days_supply":30}],"remaining_days":19}""",
        messageZh, "Drug fetched again with 19 days of the last supply left");

    public static IntegrityAction Warning(string patientId, params string[] alertIds) => new(
        $"WARNING:{patientId}:20260312", patientId, ActionKind.Warning, new Timestamp(DateTimeOffset.Parse("2026-03-12T15:40:00+08:00", System.Globalization.CultureInfo.InvariantCulture)),
        null, "R01", alertIds, true, null, null, Detected);

    /// <summary>The rows of a table after deduplication (<c>FINAL</c>), ordered by id, as JSON objects.</summary>
    public static async Task<IReadOnlyList<JsonElement>> FinalRows(ClickHouseHttp http, string database, string table)
    {
        var key = table == ClickHouseSchema.Alerts ? "alert_id" : "action_id";
        var text = await http.QueryAsync($"SELECT * FROM {ClickHouseSchema.Table(database, table)} FINAL ORDER BY {key} FORMAT JSONEachRow", CancellationToken.None);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    public static string Text(this JsonElement row, string column) => row.GetProperty(column).GetString()!;
}
