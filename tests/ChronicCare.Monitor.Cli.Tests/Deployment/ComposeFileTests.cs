using ChronicCare.Monitor.Cli.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ChronicCare.Monitor.Cli.Tests.Deployment;

/// <summary>
/// docker-compose.yml cannot run here (no Docker engine): what can be checked without one is. The keys are the Compose
/// specification's, images pinned, dependencies exist and are acyclic, a "healthy" dependency has a health check, every
/// bind mount's source is in the repository, named volumes are declared, every `chroniccare` command parses against
/// the real command line, and Prometheus scrapes the ports the monitor's commands listen on.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly HashSet<string> TopLevel = ["name", "services", "volumes", "networks", "configs", "secrets"];

    private static readonly HashSet<string> ServiceKeys =
    [
        "image", "build", "command", "entrypoint", "environment", "volumes", "ports", "depends_on", "healthcheck", "restart",
        "stop_grace_period", "ulimits",
    ];

    private static readonly HashSet<string> Conditions = ["service_started", "service_healthy", "service_completed_successfully"];

    private readonly YamlMappingNode _compose = Load(Path.Combine(Paths.Repo, "docker-compose.yml"));

    private YamlMappingNode Services => (YamlMappingNode)_compose["services"];

    [Fact]
    public void Compose_TopLevelAndServiceKeys_AreTheSpecificationsOnes()
    {
        Assert.All(_compose.Children.Keys.Select(Str), k => Assert.Contains(k, TopLevel));
        foreach (var (name, service) in ServiceList())
        {
            Assert.All(service.Children.Keys.Select(Str), k => Assert.True(ServiceKeys.Contains(k), $"{name}: unknown key {k}"));
            Assert.True(service.Children.ContainsKey("image") || service.Children.ContainsKey("build"), $"{name}: neither image nor build");
        }
    }

    [Fact]
    public void Compose_EveryImage_IsPinnedToAVersion()
    {
        foreach (var (name, service) in ServiceList())
        {
            var image = Str(service["image"]);
            var tag = image.Contains(':', StringComparison.Ordinal) ? image[(image.LastIndexOf(':') + 1)..] : string.Empty;
            Assert.False(tag is "" or "latest", $"{name}: image {image} is not pinned");
        }
    }

    [Fact]
    public void Compose_Dependencies_ExistAreAcyclicAndHealthyOnesHaveHealthChecks()
    {
        var services = ServiceList().ToDictionary(s => s.Name, s => s.Node);
        var edges = new Dictionary<string, List<string>>();
        foreach (var (name, service) in services)
        {
            edges[name] = [];
            if (!service.Children.TryGetValue(new YamlScalarNode("depends_on"), out var deps))
            {
                continue;
            }

            foreach (var (key, value) in ((YamlMappingNode)deps).Children)
            {
                var dependency = Str(key);
                Assert.True(services.ContainsKey(dependency), $"{name} depends on unknown service {dependency}");
                var condition = Str(((YamlMappingNode)value)["condition"]);
                Assert.Contains(condition, Conditions);
                if (condition == "service_healthy")
                {
                    Assert.True(services[dependency].Children.ContainsKey("healthcheck"), $"{name} waits for {dependency} to be healthy, which has no health check");
                }

                if (condition == "service_completed_successfully")
                {
                    Assert.Equal("no", Str(services[dependency]["restart"]));
                }

                edges[name].Add(dependency);
            }
        }

        var state = new Dictionary<string, int>();
        void Visit(string n, List<string> path)
        {
            Assert.False(state.GetValueOrDefault(n) == 1, $"dependency cycle: {string.Join(" -> ", path.Append(n))}");
            if (state.GetValueOrDefault(n) == 2)
            {
                return;
            }

            state[n] = 1;
            foreach (var d in edges[n])
            {
                Visit(d, [.. path, n]);
            }

            state[n] = 2;
        }

        foreach (var n in edges.Keys)
        {
            Visit(n, []);
        }
    }

    [Fact]
    public void Compose_Volumes_BindSourcesExistAndNamedVolumesAreDeclared()
    {
        var declared = ((YamlMappingNode)_compose["volumes"]).Children.Keys.Select(Str).ToHashSet();
        foreach (var (name, service) in ServiceList())
        {
            if (!service.Children.TryGetValue(new YamlScalarNode("volumes"), out var volumes))
            {
                continue;
            }

            foreach (var v in ((YamlSequenceNode)volumes).Children.Select(Str))
            {
                var source = v.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    var path = Path.Combine(Paths.Repo, source[2..]);
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: bind mount source {source} is not in the repository");
                }
                else
                {
                    Assert.True(declared.Contains(source), $"{name}: named volume {source} is not declared");
                }
            }
        }
    }

    [Fact]
    public void Compose_EveryChroniccareCommand_ParsesAgainstTheRealCommandLine()
    {
        var root = ChronicCareCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        var checkedCommands = 0;
        foreach (var (name, service) in ServiceList().Where(s => Str(s.Node["image"]).StartsWith("chroniccare-monitor", StringComparison.Ordinal)))
        {
            if (!service.Children.TryGetValue(new YamlScalarNode("command"), out var command) || command is not YamlSequenceNode args || service.Children.ContainsKey("entrypoint"))
            {
                continue;
            }

            var parsed = root.Parse(args.Children.Select(Str).ToArray());
            Assert.True(parsed.Errors.Count == 0, $"{name}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            checkedCommands++;
        }

        Assert.True(checkedCommands >= 4, $"only {checkedCommands} chroniccare commands found");
    }

    [Fact]
    public void Prometheus_ScrapeTargets_AreThePortsTheMonitorListensOn()
    {
        var prometheus = Load(Path.Combine(Paths.Repo, "pipelines", "prometheus", "prometheus.yml"));
        var jobs = ((YamlSequenceNode)prometheus["scrape_configs"]).Children.Cast<YamlMappingNode>().ToDictionary(j => Str(j["job_name"]));
        var run = Args("chroniccare-run");
        var serve = Args("chroniccare-serve");

        var dns = (YamlMappingNode)((YamlSequenceNode)jobs["chroniccare-run"]["dns_sd_configs"]).Children.Single();
        Assert.Equal("chroniccare-run", Str(((YamlSequenceNode)dns["names"]).Children.Single()));
        Assert.Equal(run[run.IndexOf("--metrics-port") + 1], Str(dns["port"]));
        Assert.Equal("0.0.0.0", run[run.IndexOf("--metrics-host") + 1]);

        var target = Str(((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)jobs["chroniccare-serve"]["static_configs"]).Children.Single())["targets"]).Children.Single());
        Assert.Equal($"chroniccare-serve:{serve[serve.IndexOf("--port") + 1]}", target);
        Assert.Equal("0.0.0.0", serve[serve.IndexOf("--host") + 1]);
    }

    [Fact]
    public void Compose_ServeAndRun_ShareTheEventsTopicAndTheRoster()
    {
        // Decisions taken on the triage page must reach `run` (the sanctions), and both check the same roster.
        var serve = Args("chroniccare-serve");
        Assert.Equal("kafka:9092", serve[serve.IndexOf("--kafka") + 1]);
        Assert.Equal(Args("chroniccare-run")[Args("chroniccare-run").IndexOf("--kafka") + 1], serve[serve.IndexOf("--kafka") + 1]);
        foreach (var service in new[] { "chroniccare-run", "chroniccare-serve" })
        {
            var volumes = ((YamlSequenceNode)((YamlMappingNode)Services[service])["volumes"]).Children.Select(Str);
            Assert.Contains("./pipelines/reviewers.json:/app/pipelines/reviewers.json:ro", volumes);
        }
    }

    private List<string> Args(string service) => ((YamlSequenceNode)((YamlMappingNode)Services[service])["command"]).Children.Select(Str).ToList();

    private IEnumerable<(string Name, YamlMappingNode Node)> ServiceList() => Services.Children.Select(kv => (Str(kv.Key), (YamlMappingNode)kv.Value));

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Str(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;
}
