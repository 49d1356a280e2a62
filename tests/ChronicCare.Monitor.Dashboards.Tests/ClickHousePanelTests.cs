using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Dashboards.Tests.Support;
using Xunit;
using static ChronicCare.Monitor.Dashboards.Tests.Support.GrafanaDashboard;

namespace ChronicCare.Monitor.Dashboards.Tests;

/// <summary>
/// Every ClickHouse panel's SQL, its variables and the plugin's macros replaced as Grafana would (<see cref="GrafanaSql"/>),
/// runs on a real clickhouse-server (Debian's 18.16) over the migrated analytics schema and returns the columns the
/// panel is built on; with a small data set of known counts, the figures that matter are checked too.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ClickHousePanelTests(SeededClickHouse clickHouse) : IClassFixture<SeededClickHouse>
{
    /// <summary>The columns of every ClickHouse query, by "uid/panel/refId", in order.</summary>
    private static readonly Dictionary<string, string[]> ExpectedColumns = new(StringComparer.Ordinal)
    {
        [$"{TriageUid}/1/A"] = ["open_alerts"],
        [$"{TriageUid}/2/A"] = ["untriaged_alerts"],
        [$"{TriageUid}/3/A"] = ["high_severity_alerts"],
        [$"{TriageUid}/4/A"] = ["heightened_patients"],
        [$"{TriageUid}/5/A"] = ["rule_name", "open_alerts"],
        [$"{TriageUid}/6/A"] = ["severity", "open_alerts"],
        [$"{TriageUid}/7/A"] = ["facility_id", "facility_name", "region", "open_alerts", "high", "medium", "low"],
        [$"{TriageUid}/8/A"] = ["time", "rule", "alerts"],
        [$"{TriageUid}/9/A"] =
        [
            "alert_id", "detected_at", "rule", "severity", "heightened", "triage", "patient_id", "facility_id", "facility_name", "region",
            "summary_zh", "summary_en", "evidence_excerpt",
        ],
        [$"{TriageUid}/10/A"] = ["patient_id", "monitored_since", "monitored_until", "warnings", "open_alerts"],
        [$"{MonthlyUid}/1/A"] = ["month", "settlement_count", "active_patients"],
        [$"{MonthlyUid}/1/B"] = ["month", "enrolled_patients"],
        [$"{MonthlyUid}/2/A"] = ["month", "total_cost", "fund_paid", "self_paid"],
        [$"{MonthlyUid}/3/A"] = ["month", "per_capita_cost", "per_capita_drug", "per_capita_exam", "per_capita_treatment", "per_capita_material"],
        [$"{MonthlyUid}/4/A"] = ["month", "cost_per_settlement", "fund_share"],
        [$"{MonthlyUid}/5/A"] = ["month_start", "rule", "alerts"],
        [$"{MonthlyUid}/6/A"] = ["month_start", "high_cost_facilities", "high_cost_patients"],
        [$"{MonthlyUid}/7/A"] = ["month_start", "action", "actions"],
        [$"{MonthlyUid}/8/A"] = ["month", "disease_name", "total_cost"],
        [$"{MonthlyUid}/9/A"] =
            ["month", "settlement_count", "active_patients", "total_cost", "fund_paid", "self_paid", "per_capita_cost", "cost_per_settlement"],
    };

    /// <summary>A selection of a few values of each variable (a city and a district; some rules; two severities).</summary>
    private static readonly Dictionary<string, string[]> Narrow = new(StringComparer.Ordinal)
    {
        ["region"] = ["3207", "330303"],
        ["rule"] = ["R01", "R05", "R12", "R13"],
        ["severity"] = ["high", "medium"],
    };

    public static TheoryData<string> Queries() => [.. ClickHouseTargets().Select(t => t.Key)];

    public static TheoryData<string> VariableQueries() =>
        [.. All.SelectMany(d => d.Variables.Where(IsClickHouseQuery).Select(v => $"{d.Uid}/{(string?)v["name"]}"))];

    [Fact]
    public void ExpectedColumns_NameEveryClickHouseQuery()
    {
        var keys = ClickHouseTargets().Select(t => t.Key).ToList();
        Assert.Equal(ExpectedColumns.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_EveryVariableAtAll_ReturnsThePanelsColumnsAndRows(string key)
    {
        var target = Target(key);
        var result = await clickHouse.QueryAsync(GrafanaSql.Expand(target.RawSql!, target.Panel.Dashboard));

        Assert.Equal(ExpectedColumns[key], result.Columns);
        Assert.NotEmpty(result.Rows);

        // What the panel's field overrides and data links name must be columns of its answer.
        var named = target.Panel.Json["fieldConfig"]?["overrides"]?.AsArray()
            .Where(o => (string?)o!["matcher"]?["id"] == "byName").Select(o => (string)o!["matcher"]!["options"]!) ?? [];
        var linked = DataLinkFields().Matches(target.Panel.Json.ToJsonString()).Select(m => m.Groups[1].Value);
        Assert.All(named.Concat(linked), c => Assert.Contains(c, result.Columns));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_NarrowSelection_ReturnsThePanelsColumns(string key)
    {
        var target = Target(key);
        var result = await clickHouse.QueryAsync(GrafanaSql.Expand(target.RawSql!, target.Panel.Dashboard, Narrow));
        Assert.Equal(ExpectedColumns[key], result.Columns);
    }

    [Theory]
    [MemberData(nameof(VariableQueries))]
    public async Task VariableQuery_ReturnsOneColumnOfValues(string key)
    {
        var (uid, name) = (key[..key.IndexOf('/', StringComparison.Ordinal)], key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var dashboard = ByUid(uid);
        var variable = dashboard.Variable(name)!;
        var result = await clickHouse.QueryAsync(GrafanaSql.Expand(Query(variable), dashboard));

        Assert.Single(result.Columns);
        var values = result.Rows.Select(r => r[result.Columns[0]]).ToList();
        Assert.Contains("3207", values);
        Assert.Contains("320706", values);
        Assert.Contains("330303", values);
        Assert.DoesNotContain("", values);
    }

    [Fact]
    public async Task TriageStats_CountOpenAlertsOnly()
    {
        Assert.Equal("5", await ScalarAsync(TriageUid, 1)); // the withdrawn R02 alert is not open
        Assert.Equal("4", await ScalarAsync(TriageUid, 2)); // R05 is confirmed in triage (its later decision)
        Assert.Equal("2", await ScalarAsync(TriageUid, 3)); // R05 and R12
        Assert.Equal("1", await ScalarAsync(TriageUid, 4)); // P1's WARNING; P2's revoked, P4's expired

        Assert.Equal("2", await ScalarAsync(TriageUid, 1, new() { ["region"] = ["3207"] })); // F001's R01 and R12
        Assert.Equal("1", await ScalarAsync(TriageUid, 1, new() { ["region"] = ["330303"] }));
        Assert.Equal("1", await ScalarAsync(TriageUid, 1, new() { ["rule"] = ["R12", "R02"], ["severity"] = ["high", "medium"] }));
    }

    [Fact]
    public async Task NewestAlerts_HeightenedMonitoringFirst_WithTriageStatusFacilityAndEvidence()
    {
        var rows = (await RunAsync(TriageUid, 9)).Rows;

        Assert.Equal(["R01:S001", "R13:P3:HTN:2026-04", "R15:S009", "R12:F001:2026-03", "R05:S004"], rows.Select(r => r["alert_id"]));
        Assert.Equal(["1", "0", "0", "0", "0"], rows.Select(r => r["heightened"]));
        Assert.Equal("confirm", rows.Single(r => r["alert_id"] == "R05:S004")["triage"]);
        Assert.Equal("untriaged", rows[0]["triage"]);
        Assert.Equal(("海州区中心医院", "320706"), (rows[0]["facility_name"], rows[0]["region"]));
        Assert.Equal(("", ""), (rows.Single(r => r["alert_id"] == "R15:S009")["facility_name"], rows.Single(r => r["alert_id"] == "R15:S009")["region"]));
        Assert.Equal("R01 预警说明", rows[0]["summary_zh"]);
        Assert.StartsWith("rule:R01, remaining_days:12, note:", rows[0]["evidence_excerpt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeightenedPatients_OnlyAWarningInForceAtTheRangesEnd()
    {
        var row = Assert.Single((await RunAsync(TriageUid, 10)).Rows);
        Assert.Equal(("P1", "1", "1"), (row["patient_id"], row["warnings"], row["open_alerts"]));
    }

    [Fact]
    public async Task MonthlyFigures_AddUpTheSettlementsWritten()
    {
        // Settlement n costs 100 × n yuan; March holds n = 1, 2, 4, 5, 7, 8 (two of each patient), April 3, 6, 9.
        var rows = (await RunAsync(MonthlyUid, 9)).Rows;
        Assert.Equal(["2026-04-01", "2026-03-01"], rows.Select(r => r["month"]));
        Assert.Equal(("6", "3", "2700"), (rows[1]["settlement_count"], rows[1]["active_patients"], rows[1]["total_cost"]));
        Assert.Equal(("3", "3", "1800", "600", "600"), (rows[0]["settlement_count"], rows[0]["active_patients"], rows[0]["total_cost"],
            rows[0]["per_capita_cost"], rows[0]["cost_per_settlement"]));

        var lianyungang = (await RunAsync(MonthlyUid, 9, new() { ["region"] = ["3207"] })).Rows;
        Assert.Equal(("4", "2", "1200"), (lianyungang[1]["settlement_count"], lianyungang[1]["active_patients"], lianyungang[1]["total_cost"]));

        var enrolled = (await RunAsync(MonthlyUid, 1, refId: "B")).Rows;
        Assert.Equal(["3", "3"], enrolled.Select(r => r["enrolled_patients"]));
    }

    [Fact]
    public async Task MonthlyAlertsAndActions_CountedByTheirOwnMonth()
    {
        var alerts = (await RunAsync(MonthlyUid, 5)).Rows.Select(r => $"{r["month_start"]} {r["rule"]} {r["alerts"]}");
        Assert.Equal(["2026-03-01 R01 1", "2026-03-01 R05 1", "2026-03-01 R12 1", "2026-04-01 R13 1", "2026-04-01 R15 1"], alerts);

        var highCost = (await RunAsync(MonthlyUid, 6)).Rows.Select(r => $"{r["month_start"]} {r["high_cost_facilities"]} {r["high_cost_patients"]}");
        Assert.Equal(["2026-03-01 1 0", "2026-04-01 0 1"], highCost);

        var actions = (await RunAsync(MonthlyUid, 7)).Rows.Select(r => $"{r["month_start"]} {r["action"]} {r["actions"]}");
        Assert.Equal(["2026-03-01 SUSPEND 1", "2026-03-01 WARNING 2", "2026-04-01 REINSTATE 1"], actions);
    }

    private static IEnumerable<GrafanaTarget> ClickHouseTargets() =>
        All.SelectMany(d => d.Panels).SelectMany(p => p.Targets).Where(t => t.DatasourceUid == "clickhouse");

    private static GrafanaTarget Target(string key) => ClickHouseTargets().Single(t => t.Key == key);

    private static bool IsClickHouseQuery(JsonObject variable) =>
        (string?)variable["type"] == "query" && (string?)variable["datasource"]?["uid"] == "clickhouse";

    /// <summary>A variable's SQL: a plain string, or the plugin's query object's rawSql.</summary>
    private static string Query(JsonObject variable) =>
        variable["query"] is JsonValue text ? (string)text! : (string?)variable["query"]?["rawSql"] ?? throw new InvalidDataException("no variable query");

    private async Task<QueryResult> RunAsync(string uid, int panel, Dictionary<string, string[]>? selection = null, string refId = "A")
    {
        var target = ByUid(uid).Panel(panel).Targets.Single(t => t.RefId == refId);
        return await clickHouse.QueryAsync(GrafanaSql.Expand(target.RawSql!, target.Panel.Dashboard, selection));
    }

    private async Task<string> ScalarAsync(string uid, int panel, Dictionary<string, string[]>? selection = null)
    {
        var result = await RunAsync(uid, panel, selection);
        return Assert.Single(result.Rows)[result.Columns.Single()];
    }

    [GeneratedRegex(@"\$\{__data\.fields\.(\w+)")]
    private static partial Regex DataLinkFields();
}
