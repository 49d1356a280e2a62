using System.Text.RegularExpressions;
using ChronicCare.Monitor.Dashboards.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ChronicCare.Monitor.Dashboards.Tests;

/// <summary>
/// Grafana's provisioning under <c>dashboards/provisioning/</c>: the two datasources under the uids and types the
/// dashboards use (ClickHouse through <c>grafana-clickhouse-datasource</c>, on the database the SQL names), and the file
/// provider that loads the dashboard JSON.
/// </summary>
public sealed partial class ProvisioningTests
{
    /// <summary>Where docker-compose mounts <c>dashboards/</c> in the Grafana container.</summary>
    public const string DashboardPath = "/var/lib/grafana/dashboards";

    private static string Provisioning => Path.Combine(GrafanaDashboard.Folder, "provisioning");

    [Fact]
    public void Datasources_ArePrometheusAndClickHouse_UnderTheDashboardsUids()
    {
        var sources = Datasources();

        var prometheus = sources["prometheus"];
        Assert.Equal("prometheus", Str(prometheus, "type"));
        Assert.Equal("http://prometheus:9090", Str(prometheus, "url"));
        Assert.Equal("proxy", Str(prometheus, "access"));

        var clickHouse = sources["clickhouse"];
        Assert.Equal("grafana-clickhouse-datasource", Str(clickHouse, "type"));
        var json = (YamlMappingNode)clickHouse["jsonData"];
        Assert.Equal("clickhouse", Str(json, "host"));
        Assert.Equal("8123", Str(json, "port"));
        Assert.Equal("http", Str(json, "protocol"));
        Assert.Equal("default", Str(json, "username"));
        Assert.Equal(SeededClickHouse.Database, Str(json, "defaultDatabase"));

        // Every panel and variable names a provisioned uid with its type.
        foreach (var d in GrafanaDashboard.All)
        {
            foreach (var (uid, type, where) in d.Panels.SelectMany(p => p.Targets.Select(t => (t.DatasourceUid, t.DatasourceType, t.Key)).Prepend((p.DatasourceUid, p.DatasourceType, p.ToString())))
                .Concat(d.Variables.Where(v => v["datasource"] is not null).Select(v => ((string?)v["datasource"]!["uid"], (string?)v["datasource"]!["type"], $"{d.Uid} ${(string?)v["name"]}"))))
            {
                Assert.True(uid is not null && sources.ContainsKey(uid), $"{where}: datasource uid '{uid}' is not provisioned");
                Assert.Equal(Str(sources[uid!], "type"), type);
            }
        }
    }

    [Fact]
    public void ClickHouseQueries_NameTheProvisionedDatabase()
    {
        var database = Str((YamlMappingNode)Datasources()["clickhouse"]["jsonData"], "defaultDatabase");
        var sql = GrafanaDashboard.All.SelectMany(d => d.Panels).SelectMany(p => p.Targets).Select(t => t.RawSql).OfType<string>()
            .Concat(GrafanaDashboard.All.SelectMany(d => d.Variables).Select(v => v["query"]).OfType<System.Text.Json.Nodes.JsonValue>().Select(q => (string)q!))
            .ToList();
        var tables = sql.SelectMany(s => TableReference().Matches(s)).ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables, m => Assert.Equal(database, m.Groups["db"].Value));
    }

    [Fact]
    public void DashboardProvider_LoadsTheJsonFilesFromTheMountedFolder()
    {
        var root = Load(Path.Combine(Provisioning, "dashboards", "dashboards.yaml"));
        Assert.Equal("1", Str(root, "apiVersion"));
        var provider = (YamlMappingNode)Assert.Single(((YamlSequenceNode)root["providers"]).Children);
        Assert.Equal("file", Str(provider, "type"));
        Assert.Equal(DashboardPath, Str((YamlMappingNode)provider["options"], "path"));
        Assert.NotEmpty(Str(provider, "folder"));
    }

    private static Dictionary<string, YamlMappingNode> Datasources()
    {
        var root = Load(Path.Combine(Provisioning, "datasources", "datasources.yaml"));
        Assert.Equal("1", Str(root, "apiVersion"));
        return ((YamlSequenceNode)root["datasources"]).Children.Cast<YamlMappingNode>().ToDictionary(s => Str(s, "uid"), StringComparer.Ordinal);
    }

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
    }

    private static string Str(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? "" : throw new KeyNotFoundException($"no '{key}' in {node.Start}");

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?<db>\w+)\.(?<table>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();
}
