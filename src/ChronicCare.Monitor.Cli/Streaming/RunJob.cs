using ChronicCare.Monitor.Cli.Analytics;
using ChronicCare.Monitor.Cli.Outliers;
using ChronicCare.Monitor.ClickHouse;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.ClickHouse.Analytics;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Kafka.Runtime;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Redis;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Streaming.Output;
using ChronicCare.Monitor.Streaming.Runtime;
using ChronicCare.Monitor.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Streaming;

/// <summary>
/// Wires `run`: Redis stores, Kafka output (and with <c>--clickhouse</c> the ClickHouse tables beside it), the runtime
/// and the consumer loop, with log lines on stderr and (unless <c>--metrics-port 0</c>) Prometheus metrics at /metrics.
/// </summary>
internal static class RunJob
{
    /// <summary>Runs until stopped; the exit code is 1 when the last events could not be committed at shutdown.</summary>
    public static async Task<int> RunAsync(RunOptions options, string redisHostPort, string? policyPath, ClickHouseOptions? clickHouse, string reviewersPath, ModelChoice model, MetricsEndpointOptions metrics, CliContext cli, CancellationToken ct)
    {
        var policy = PolicyFile.Load(policyPath);
        var roster = File.Exists(reviewersPath) ? TriageJob.LoadRoster(reviewersPath) : null;
        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new LineLoggerProvider(cli.Error, LogLevel.Information, cli.Time)));
        var log = logs.CreateLogger("ChronicCare.run");

        // No meter at all without the page: nothing is recorded then, not even cheaply.
        using var meter = metrics.Enabled ? new MonitorMeter() : null;
        using var exporter = meter?.CreateExporter();
        using var http = clickHouse is null ? null : new ClickHouseHttp(clickHouse.Url, clickHouse.Timeout) { Metrics = meter };
        ClickHouseOutput? tables = null;
        if (clickHouse is not null && http is not null)
        {
            // First, before any other server: a ClickHouse that cannot be reached at start is a configuration error,
            // reported in one line; once running, an outage only pauses commits like a Redis outage does.
            // The whole analytics schema (its migrations), not only the two tables this process writes: triage, month
            // close and the report read the same database.
            await using (var schema = new ClickHouseAnalyticsStore(clickHouse))
            {
                await schema.MigrateAsync(ct).ConfigureAwait(false);
            }

            ClickHouseLog.Ready(log, clickHouse.Database, http.Server);
            tables = new ClickHouseOutput(http, clickHouse.Database);
        }

        using var redis = RedisConnection.Connect(redisHostPort);
        using var kafka = new KafkaOutput(options.Bootstrap, options.Topics);
        IStreamOutput output = tables is null ? kafka : new CompositeOutput(kafka, tables);
        var (slot, modelPath) = ModelLocator.Open(model.Option, cli.Error, "run");
        ModelLocator.WarnIfRateDiffers(slot, policy, cli.Error, "run");
        using var watcher = slot is null ? null : new ModelWatcher(model.Option, slot, modelPath, model.Poll, logs.CreateLogger("ChronicCare.model"));
        var runtime = CreateRuntime(options, policy, redis, output, logs, cli.Time, roster is null ? null : d => roster.Refusal(d.DecidedBy, d.Verdict, d.Finding), slot, meter);
        if (roster is null)
        {
            cli.Error.WriteLine($"run: no reviewers roster at {reviewersPath}: triage decisions on the events topic go to the dead-letter topic");
        }

        // Last before consuming: a configuration error (ClickHouse unreachable, a bad --redis) stays the one line a failed start prints.
        await using var server = exporter is null ? null : await ServeMetricsAsync(exporter, metrics, log, ct).ConfigureAwait(false);
        var drained = await new StreamRunner(options, runtime, kafka, log) { Metrics = meter }.RunAsync(ct).ConfigureAwait(false);
        var s = runtime.Stats;
        cli.Out.WriteLine($"run: {s.EventsApplied:N0} events applied ({s.ReplaySkipped:N0} replayed and skipped), {s.AlertRecords:N0} alert records, {s.ActionRecords:N0} action records, {s.DeadLetters:N0} dead letters, {s.Commits:N0} commits, {s.RechecksSent:N0} rechecks sent");
        if (!drained)
        {
            cli.Error.WriteLine("chroniccare: stopped before the last events were committed (a store did not answer); the next owner replays them");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    /// <summary>The runtime `run` drives (the stream benchmark drives the same), writing to <paramref name="output"/>.</summary>
    public static StreamRuntime CreateRuntime(RunOptions options, DetectionPolicy policy, StackExchange.Redis.IConnectionMultiplexer redis, IStreamOutput output, ILoggerFactory logs, TimeProvider time,
        Func<ReviewDecision, string?>? reviewGate = null, Monitor.Outliers.OutlierModelSlot? outliers = null, MonitorMeter? metrics = null) => new(
        policy,
        new ReferenceData(),
        time,
        new RedisStateStore(redis, options.Group),
        new RedisUseStore(redis, options.Group, TimeSpan.FromDays(policy.AllowedLatenessDays + policy.CardCollection.WindowDays + 1)),
        output,
        StoreResilience.Create(time, metrics: metrics, store: "redis"),
        logs.CreateLogger("ChronicCare.runtime"),
        options.Topics.Events)
    {
        ReviewGate = reviewGate,
        Outliers = outliers,
        Metrics = metrics,
    };

    /// <summary>
    /// The /metrics page, or null when its address cannot be bound: metrics are worth a warning, not the processing
    /// (two processors on one host with the default port would otherwise stop each other).
    /// </summary>
    private static async Task<MetricsServer?> ServeMetricsAsync(PrometheusTextExporter exporter, MetricsEndpointOptions metrics, ILogger log, CancellationToken ct)
    {
        try
        {
            var server = await MetricsServer.StartAsync(exporter, metrics.Host, metrics.Port, ct).ConfigureAwait(false);
            MetricsLog.Serving(log, server.Address);
            return server;
        }
        catch (IOException e)
        {
            MetricsLog.Unavailable(log, metrics.Host, metrics.Port, e.Message);
            return null;
        }
    }
}
