using System.Text.Json.Nodes;
using ChronicCare.Monitor.Streaming.Tests.Support;

namespace ChronicCare.Monitor.Dashboards.Tests.Support;

/// <summary>One dashboard file under <c>dashboards/</c>, read as Grafana's JSON model.</summary>
internal sealed class GrafanaDashboard
{
    public const string TriageUid = "chroniccare-alert-triage";
    public const string PipelineUid = "chroniccare-pipeline-health";
    public const string MonthlyUid = "chroniccare-monthly-operations";

    /// <summary>The dashboards the repository ships, by file name, and the uid each must keep (links and bookmarks use it).</summary>
    public static IReadOnlyDictionary<string, string> Expected { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["alert-triage.json"] = TriageUid,
        ["pipeline-health.json"] = PipelineUid,
        ["monthly-operations.json"] = MonthlyUid,
    };

    private static readonly Lazy<IReadOnlyList<GrafanaDashboard>> Loaded = new(() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(Load).ToList());

    private GrafanaDashboard(string file, JsonObject json)
    {
        File = file;
        Json = json;
        Panels = Flatten(json["panels"]?.AsArray() ?? []).Select(p => new GrafanaPanel(this, p)).ToList();
        Variables = (json["templating"]?["list"]?.AsArray() ?? []).Select(v => v!.AsObject()).ToList();
    }

    public static string Folder => Path.Combine(RepoPaths.Root, "dashboards");

    public static IReadOnlyList<GrafanaDashboard> All => Loaded.Value;

    public string File { get; }

    public JsonObject Json { get; }

    public string Uid => (string?)Json["uid"] ?? "";

    public string Title => (string?)Json["title"] ?? "";

    /// <summary>Every panel, those inside rows included; rows themselves are not panels here.</summary>
    public IReadOnlyList<GrafanaPanel> Panels { get; }

    public IReadOnlyList<JsonObject> Variables { get; }

    public static GrafanaDashboard ByUid(string uid) => All.Single(d => d.Uid == uid);

    public JsonObject? Variable(string name) => Variables.SingleOrDefault(v => (string?)v["name"] == name);

    public GrafanaPanel Panel(int id) => Panels.Single(p => p.Id == id);

    public override string ToString() => File;

    private static GrafanaDashboard Load(string path) =>
        new(Path.GetFileName(path), JsonNode.Parse(System.IO.File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} is not a JSON object"));

    private static IEnumerable<JsonObject> Flatten(JsonArray panels)
    {
        foreach (var node in panels)
        {
            var panel = node!.AsObject();
            if ((string?)panel["type"] == "row")
            {
                foreach (var inner in Flatten(panel["panels"]?.AsArray() ?? []))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return panel;
            }
        }
    }
}

/// <summary>A panel and its queries.</summary>
internal sealed class GrafanaPanel(GrafanaDashboard dashboard, JsonObject json)
{
    public GrafanaDashboard Dashboard { get; } = dashboard;

    public JsonObject Json { get; } = json;

    public int Id => (int?)Json["id"] ?? -1;

    public string Title => (string?)Json["title"] ?? "";

    public string Type => (string?)Json["type"] ?? "";

    public string? DatasourceUid => (string?)Json["datasource"]?["uid"];

    public string? DatasourceType => (string?)Json["datasource"]?["type"];

    public IReadOnlyList<GrafanaTarget> Targets =>
        (Json["targets"]?.AsArray() ?? []).Select(t => new GrafanaTarget(this, t!.AsObject())).ToList();

    public override string ToString() => $"{Dashboard.Uid} panel {Id} '{Title}'";
}

/// <summary>One query of a panel: PromQL (<c>expr</c>) or ClickHouse SQL (<c>rawSql</c>).</summary>
internal sealed class GrafanaTarget(GrafanaPanel panel, JsonObject json)
{
    public GrafanaPanel Panel { get; } = panel;

    public JsonObject Json { get; } = json;

    public string RefId => (string?)Json["refId"] ?? "";

    /// <summary>The target's own datasource, else the panel's (Grafana's rule).</summary>
    public string? DatasourceUid => (string?)Json["datasource"]?["uid"] ?? Panel.DatasourceUid;

    public string? DatasourceType => (string?)Json["datasource"]?["type"] ?? Panel.DatasourceType;

    public string? Expr => (string?)Json["expr"];

    public string? RawSql => (string?)Json["rawSql"];

    /// <summary>"uid/panel/refId": how the tests name a query.</summary>
    public string Key => $"{Panel.Dashboard.Uid}/{Panel.Id}/{RefId}";

    public override string ToString() => Key;
}
