using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Dashboards.Tests.Support;
using ChronicCare.Monitor.Rules;
using Xunit;
using static ChronicCare.Monitor.Dashboards.Tests.Support.GrafanaDashboard;

namespace ChronicCare.Monitor.Dashboards.Tests;

/// <summary>The dashboards' JSON model: stable uids, relative time, datasources by uid, templating, the triage data link.</summary>
public sealed partial class DashboardModelTests
{
    private static readonly Dictionary<string, string> DatasourceTypes = new(StringComparer.Ordinal)
    {
        ["prometheus"] = "prometheus",
        ["clickhouse"] = "grafana-clickhouse-datasource",
    };

    public static TheoryData<string> Files() => [.. Expected.Keys];

    [Fact]
    public void Folder_HoldsExactlyTheShippedDashboards()
    {
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), All.Select(d => d.File));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_HasItsStableUidTitleAndRelativeTime(string file)
    {
        var d = All.Single(x => x.File == file);
        Assert.Equal(Expected[file], d.Uid);
        Assert.StartsWith("ChronicCare ", d.Title, StringComparison.Ordinal);
        Assert.InRange((int?)d.Json["schemaVersion"] ?? 0, 36, 41);
        Assert.Null(d.Json["id"]?.GetValue<int?>()); // provisioned: Grafana assigns ids

        var time = d.Json["time"]!;
        Assert.Matches(RelativeTime(), (string)time["from"]!);
        Assert.Equal("now", (string?)time["to"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Panels_HaveUniqueIdsDisjointPlacesAndADatasourceByUid(string file)
    {
        var d = All.Single(x => x.File == file);
        Assert.NotEmpty(d.Panels);
        Assert.Equal(d.Panels.Count, d.Panels.Select(p => p.Id).Distinct().Count());
        foreach (var p in d.Panels)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Title), $"{p} has no title");
            Assert.True(p.DatasourceUid is not null && DatasourceTypes.ContainsKey(p.DatasourceUid), $"{p}: datasource uid '{p.DatasourceUid}'");
            Assert.Equal(DatasourceTypes[p.DatasourceUid!], p.DatasourceType);
            Assert.NotEmpty(p.Targets);
            Assert.Equal(p.Targets.Count, p.Targets.Select(t => t.RefId).Distinct().Count());
            foreach (var t in p.Targets)
            {
                Assert.Equal(p.DatasourceUid, t.DatasourceUid);
                Assert.Equal(p.DatasourceType, t.DatasourceType);
                Assert.True(t.DatasourceUid == "prometheus" ? !string.IsNullOrWhiteSpace(t.Expr) : !string.IsNullOrWhiteSpace(t.RawSql), $"{t}: no query");
            }

            // A panel's own time override (timeFrom/timeShift) would pin it to a range of its own.
            Assert.Null(p.Json["timeFrom"]);
            Assert.Null(p.Json["timeShift"]);
        }

        var boxes = d.Panels.Select(p => (Panel: p, X: (int)p.Json["gridPos"]!["x"]!, Y: (int)p.Json["gridPos"]!["y"]!, W: (int)p.Json["gridPos"]!["w"]!, H: (int)p.Json["gridPos"]!["h"]!)).ToList();
        Assert.All(boxes, b => Assert.True(b.X >= 0 && b.W > 0 && b.X + b.W <= 24 && b.H > 0, $"{b.Panel} is off the grid"));
        foreach (var a in boxes)
        {
            foreach (var b in boxes.Where(b => b.Panel.Id > a.Panel.Id))
            {
                Assert.False(a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H, $"{a.Panel} overlaps {b.Panel}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Queries_NameOnlyDefinedVariablesAndNoFixedTimes(string file)
    {
        var d = All.Single(x => x.File == file);
        var defined = d.Variables.Select(v => (string)v["name"]!).ToHashSet(StringComparer.Ordinal);
        foreach (var t in d.Panels.SelectMany(p => p.Targets))
        {
            var query = t.Expr ?? t.RawSql!;
            foreach (Match m in VariableReference().Matches(query))
            {
                var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                Assert.True(name.StartsWith("__", StringComparison.Ordinal) || defined.Contains(name), $"{t} names undefined variable ${name}");
            }

            Assert.DoesNotMatch(FixedDate(), query);
            if (t.RawSql is not null)
            {
                // Each ClickHouse query is bound to the dashboard's time range by one of the plugin's time macros.
                Assert.Matches(TimeMacro(), t.RawSql);
            }
        }
    }

    [Fact]
    public void Triage_HasRegionRuleAndSeverityVariables_WithEveryRuleAndSeverity()
    {
        var d = ByUid(TriageUid);
        foreach (var name in new[] { "region", "rule", "severity" })
        {
            var v = d.Variable(name);
            Assert.NotNull(v);
            Assert.True((bool?)v["multi"] == true && (bool?)v["includeAll"] == true, $"{name} is not multi-value with All");
            Assert.Equal("$__all", (string?)v["current"]?["value"]?.AsArray()[0]);
        }

        Assert.Equal(RuleCatalog.Codes, GrafanaSql.Options(d.Variable("rule")!));
        Assert.Equal(Enum.GetValues<Severity>().Select(StoreText.Severity), GrafanaSql.Options(d.Variable("severity")!));
        Assert.Equal("clickhouse", (string?)d.Variable("region")!["datasource"]?["uid"]);
    }

    [Fact]
    public void Triage_NewestAlertsLinkToTheTriagePage_ThroughTheTriageUrlVariable()
    {
        var d = ByUid(TriageUid);
        var url = d.Variable("triage_url");
        Assert.NotNull(url);
        Assert.Contains((string?)url["type"], new[] { "textbox", "constant" });
        Assert.Equal("http://localhost:8080", (string?)url["query"]);

        var links = d.Panels.Where(p => p.Type == "table")
            .SelectMany(p => p.Json["fieldConfig"]?["defaults"]?["links"]?.AsArray() ?? [])
            .Select(l => (string?)l!["url"]).ToList();
        Assert.Contains("${triage_url}/triage/alerts/${__data.fields.alert_id}", links);
    }

    [Fact]
    public void Dashboards_LinkEachOtherByTag()
    {
        Assert.All(All, d =>
        {
            Assert.Contains("chroniccare", d.Json["tags"]!.AsArray().Select(t => (string?)t));
            Assert.Contains(d.Json["links"]!.AsArray(), l => (string?)l!["type"] == "dashboards" && l["tags"]!.AsArray().Any(t => (string?)t == "chroniccare"));
        });
    }

    [GeneratedRegex(@"^now-\d+[smhdwMy](/[dwMy])?$")]
    private static partial Regex RelativeTime();

    [GeneratedRegex(@"\$\{(\w+)[^}]*\}|\$(\w+)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\b(19|20)\d\d-\d\d-\d\d\b|\btoDateTime\(\s*\d")]
    private static partial Regex FixedDate();

    [GeneratedRegex(@"\$__(timeFilter|dateFilter|fromTime|toTime)\b")]
    private static partial Regex TimeMacro();
}
