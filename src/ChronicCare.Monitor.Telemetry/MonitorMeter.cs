using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// The monitor's one <see cref="Meter"/> ("ChronicCare.Monitor") and its instruments, named as in <see cref="MetricNames"/>.
/// One per process, handed to whatever records (a null there means "not measured"); tests make their own, so tests
/// running side by side never count into each other. The recording methods take counts already summed per batch, and
/// an Add or Record with up to three string labels allocates nothing, so the hot path pays next to nothing.
/// </summary>
public sealed class MonitorMeter : IDisposable
{
    public const string MeterName = "ChronicCare.Monitor";

    // Produce-to-alert spans a batch wait (100 ms by default), a commit and the Kafka round trips; a paused processor
    // stretches it to many seconds.
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    // A batch: from one event applied in a millisecond to 20,000 events and a commit that waited for a store.
    private static readonly double[] ProcessingBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // A Redis call on the same host takes well under a millisecond; a ClickHouse insert tens of milliseconds.
    private static readonly double[] StoreCallBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _httpRequests;
    private readonly Counter<long> _triageDecisions;
    private readonly Histogram<double> _processing;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _storeCalls;
    private readonly Lock _gate = new();
    private readonly List<(string Store, Func<BreakerPosition> Position)> _breakers = [];
    private readonly string _version;
    private Measurement<long>[] _lag = [];

    public MonitorMeter(string? version = null)
    {
        _version = version ?? ProgramVersion();
        Meter = new Meter(MeterName, _version);
        _consumed = Meter.CreateCounter<long>(MetricNames.EventsConsumed, description: "Records read from the events topic.");
        _processed = Meter.CreateCounter<long>(MetricNames.EventsProcessed, description: "Events by outcome: applied, replayed (already in the stored state and skipped) or dead_letter.");
        _deadLetters = Meter.CreateCounter<long>(MetricNames.DeadLetters, description: "Records sent to the dead-letter output.");
        _alerts = Meter.CreateCounter<long>(MetricNames.Alerts, description: "Alert records published, by rule, severity and status (open: raised or updated; withdrawn).");
        _actions = Meter.CreateCounter<long>(MetricNames.Actions, description: "Integrity action records published, by kind.");
        _httpRequests = Meter.CreateCounter<long>(MetricNames.HttpRequests, description: "Requests to serve, by route template, method and status code.");
        _triageDecisions = Meter.CreateCounter<long>(MetricNames.TriageDecisions, description: "Triage decisions taken through serve, by decision and outcome.");
        _processing = Meter.CreateHistogram(MetricNames.ProcessingDuration, "s", "One batch from its first event read to its commit.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProcessingBuckets });
        _latency = Meter.CreateHistogram(MetricNames.ProduceToAlertLatency, "s", "From the Kafka timestamp of the earliest event of the alert's batch to the alert record's publishing.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _storeCalls = Meter.CreateHistogram(MetricNames.StoreCallDuration, "s", "A call to a store (each attempt), by store and operation.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StoreCallBuckets });
        Meter.CreateObservableGauge(MetricNames.ConsumerLag, () => Volatile.Read(ref _lag), description: "Messages behind the high watermark, by owned partition (as of the last fetch).");
        Meter.CreateObservableGauge(MetricNames.BreakerState, ObserveBreakers, description: "Circuit breaker of the store's calls: 0 closed, 1 half-open, 2 open.");
        Meter.CreateObservableGauge(MetricNames.BuildInfo, ObserveBuild, description: "Always 1: the program's version and runtime.");
    }

    public Meter Meter { get; }

    /// <summary>
    /// An exporter of this meter, its series primed: the unlabelled counters and each event outcome start at 0, so a
    /// rate over them reads 0 rather than "no data" before the first occurrence.
    /// </summary>
    public PrometheusTextExporter CreateExporter()
    {
        var exporter = new PrometheusTextExporter(Meter);
        Consumed(0);
        Processed(0, 0, 0);
        DeadLettered(0);
        return exporter;
    }

    public void Consumed(long records) => _consumed.Add(records);

    /// <summary>Events of one batch by outcome; zeros are recorded too (they keep each outcome's series present).</summary>
    public void Processed(long applied, long replayed, long deadLetters)
    {
        _processed.Add(applied, new KeyValuePair<string, object?>(MetricLabels.Outcome, "applied"));
        _processed.Add(replayed, new KeyValuePair<string, object?>(MetricLabels.Outcome, "replayed"));
        _processed.Add(deadLetters, new KeyValuePair<string, object?>(MetricLabels.Outcome, "dead_letter"));
    }

    public void DeadLettered(long records) => _deadLetters.Add(records);

    public void AlertsPublished(string rule, string severity, string status, long records) => _alerts.Add(
        records,
        new KeyValuePair<string, object?>(MetricLabels.Rule, rule),
        new KeyValuePair<string, object?>(MetricLabels.Severity, severity),
        new KeyValuePair<string, object?>(MetricLabels.Status, status));

    public void ActionsPublished(string kind, long records) => _actions.Add(records, new KeyValuePair<string, object?>(MetricLabels.Kind, kind));

    public void BatchProcessed(TimeSpan elapsed) => _processing.Record(elapsed.TotalSeconds);

    /// <summary>One alert record's produce-to-alert latency (negative spans, from clock skew between hosts, count as 0).</summary>
    public void AlertLatency(TimeSpan latency) => _latency.Record(Math.Max(0, latency.TotalSeconds));

    public void StoreCall(string store, string operation, TimeSpan elapsed) => _storeCalls.Record(
        elapsed.TotalSeconds,
        new KeyValuePair<string, object?>(MetricLabels.Store, store),
        new KeyValuePair<string, object?>(MetricLabels.Operation, operation));

    public void HttpRequest(string route, string method, int code) => _httpRequests.Add(
        1,
        new KeyValuePair<string, object?>(MetricLabels.Route, route),
        new KeyValuePair<string, object?>(MetricLabels.Method, method),
        new KeyValuePair<string, object?>(MetricLabels.Code, code.ToString(CultureInfo.InvariantCulture)));

    public void TriageDecision(string decision, string outcome) => _triageDecisions.Add(
        1,
        new KeyValuePair<string, object?>(MetricLabels.Decision, decision),
        new KeyValuePair<string, object?>(MetricLabels.Outcome, outcome));

    /// <summary>Replaces the consumer lag of every owned partition (a partition left out is no longer owned and disappears).</summary>
    public void ReportLag(IEnumerable<KeyValuePair<int, long>> lagByPartition)
    {
        ArgumentNullException.ThrowIfNull(lagByPartition);
        var snapshot = lagByPartition.OrderBy(p => p.Key)
            .Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>(MetricLabels.Partition, p.Key.ToString(CultureInfo.InvariantCulture))))
            .ToArray();
        Volatile.Write(ref _lag, snapshot);
    }

    /// <summary>Exports <paramref name="position"/> (read at each scrape) as the breaker state of <paramref name="store"/>.</summary>
    public void ObserveBreaker(string store, Func<BreakerPosition> position)
    {
        lock (_gate)
        {
            _breakers.Add((store, position));
        }
    }

    public void Dispose() => Meter.Dispose();

    private static string ProgramVersion()
    {
        // The monitor's own assembly, built with the program (the entry assembly is a test host under tests).
        var assembly = typeof(MonitorMeter).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }

    private Measurement<int>[] ObserveBreakers()
    {
        lock (_gate)
        {
            return _breakers.Select(b => new Measurement<int>((int)b.Position(), new KeyValuePair<string, object?>(MetricLabels.Store, b.Store))).ToArray();
        }
    }

    private Measurement<int> ObserveBuild() => new(
        1,
        new KeyValuePair<string, object?>(MetricLabels.Version, _version),
        new KeyValuePair<string, object?>(MetricLabels.Runtime, RuntimeInformation.FrameworkDescription));
}
