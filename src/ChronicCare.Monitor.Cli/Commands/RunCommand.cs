using System.CommandLine;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.Cli.Streaming;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Kafka;

namespace ChronicCare.Monitor.Cli.Commands;

/// <summary>
/// <c>chroniccare run --kafka BOOTSTRAP --redis HOST:PORT --group NAME [--policy PATH] [--clickhouse URL [--clickhouse-database NAME]] [--metrics-port N] [--metrics-host IP]</c>:
/// the streaming processor (issue 4); with <c>--clickhouse</c> alerts and actions also go to ClickHouse tables; Prometheus
/// metrics at http://127.0.0.1:9464/metrics unless told otherwise (issue 7).
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext cli)
    {
        var kafka = new Option<string>("--kafka") { Description = "Kafka bootstrap servers (host:port,...)", Required = true };
        var redis = new Option<string>("--redis") { Description = "Redis HOST:PORT for per-patient state", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group; instances in one group share the partitions", Required = true };
        var policy = new Option<string?>("--policy") { Description = "Policy file or folder (default: the built-in default policy)" };
        var maxBatch = new Option<int>("--max-batch") { Description = "Most events between two commits", DefaultValueFactory = _ => 20_000 };
        var maxWait = new Option<int>("--max-batch-wait-ms") { Description = "Longest wait for a batch before committing it", DefaultValueFactory = _ => 100 };
        var idle = new Option<int?>("--exit-when-idle-ms") { Description = "Stop once caught up and idle this long (tests, benchmarks); default: run until SIGTERM" };
        var clickHouse = new Option<string?>("--clickhouse") { Description = "ClickHouse HTTP URL (e.g. http://127.0.0.1:8123): also write alerts and actions to its tables, created if missing" };
        var clickHouseDatabase = new Option<string>("--clickhouse-database") { Description = "ClickHouse database of the tables", DefaultValueFactory = _ => ClickHouseOptions.DefaultDatabase };
        var reviewers = new Option<string>("--reviewers") { Description = "Roster of the users whose triage decisions (from `triage --kafka`) are applied", DefaultValueFactory = _ => Path.Combine("pipelines", "reviewers.json") };
        var model = new Option<string?>("--model") { Description = "R15's outlier model: a model.json, its folder, a folder of outlier-vN versions (the highest is used, a new one picked up while running), or none (default: ./models, else the models shipped with the program)" };
        var modelPoll = new Option<int>("--model-poll-seconds") { Description = "How often to look for a new model version", DefaultValueFactory = _ => 30 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Port of the Prometheus /metrics page; 0 = none", DefaultValueFactory = _ => MetricsEndpointOptions.DefaultPort };
        var metricsHost = new Option<string>("--metrics-host") { Description = "Address the /metrics page listens on (0.0.0.0 in a container scraped from outside)", DefaultValueFactory = _ => MetricsEndpointOptions.DefaultHost };
        var topics = TopicOptions.Create();
        var command = new Command("run", "Consume events from Kafka, keep state in Redis, produce alerts and actions (effectively once)")
        {
            kafka, redis, group, policy, maxBatch, maxWait, idle, clickHouse, clickHouseDatabase, reviewers, model, modelPoll, metricsPort, metricsHost,
        };
        topics.AddTo(command);
        command.SetAction(async (pr, ct) => await CommandRunner.RunAsync(cli.Error, async () =>
        {
            var options = new Kafka.Runtime.RunOptions
            {
                Bootstrap = pr.GetValue(kafka)!,
                Group = pr.GetValue(group)!,
                Topics = topics.Read(pr),
                MaxBatch = pr.GetValue(maxBatch),
                MaxBatchWait = TimeSpan.FromMilliseconds(pr.GetValue(maxWait)),
                ExitWhenIdle = pr.GetValue(idle) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            }.Validate();
            var sink = pr.GetValue(clickHouse) is { } url
                ? new ClickHouseOptions { Url = ClickHouseOptions.ParseUrl(url), Database = pr.GetValue(clickHouseDatabase)! }.Validate()
                : null;
            var choice = new ModelChoice(pr.GetValue(model), pr.GetValue(modelPoll) >= 1
                ? TimeSpan.FromSeconds(pr.GetValue(modelPoll))
                : throw new ArgumentException("--model-poll-seconds must be >= 1"));
            var metrics = new MetricsEndpointOptions(pr.GetValue(metricsHost)!, pr.GetValue(metricsPort)).Validate();
            return await RunJob.RunAsync(options, pr.GetValue(redis)!, pr.GetValue(policy), sink, pr.GetValue(reviewers)!, choice, metrics, cli, ct).ConfigureAwait(false);
        }).ConfigureAwait(false));
        return command;
    }
}
