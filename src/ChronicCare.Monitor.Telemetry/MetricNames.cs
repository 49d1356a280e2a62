namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// Every metric the monitor exports, by its Prometheus name (Prometheus naming practice: the <c>chroniccare_</c>
/// prefix, base units in the name, <c>_total</c> on counters, <c>_seconds</c> on durations). The dashboards' queries
/// may name only these (a test checks). Labels never carry a patient, card, presenter or facility id.
/// </summary>
public static class MetricNames
{
    /// <summary>Gauge, always 1: labels <c>version</c>, <c>runtime</c>.</summary>
    public const string BuildInfo = "chroniccare_build_info";

    /// <summary>Counter: records read from the events topic.</summary>
    public const string EventsConsumed = "chroniccare_events_consumed_total";

    /// <summary>Counter: events by <c>outcome</c> = applied | replayed (already in the stored state) | dead_letter.</summary>
    public const string EventsProcessed = "chroniccare_events_processed_total";

    /// <summary>Counter: records sent to the dead-letter output.</summary>
    public const string DeadLetters = "chroniccare_dead_letters_total";

    /// <summary>Counter: alert records published, by <c>rule</c>, <c>severity</c> and <c>status</c> (open = raised or updated, withdrawn).</summary>
    public const string Alerts = "chroniccare_alerts_total";

    /// <summary>Counter: integrity action records published, by <c>kind</c> (WARNING, SUSPEND, SELF_PAY, CANCEL, BAN, REFERRAL, REINSTATE).</summary>
    public const string Actions = "chroniccare_actions_total";

    /// <summary>Histogram (seconds): one batch from its first event read to its commit.</summary>
    public const string ProcessingDuration = "chroniccare_processing_duration_seconds";

    /// <summary>Histogram (seconds): from an event's Kafka timestamp to the publishing of the alert record it caused.</summary>
    public const string ProduceToAlertLatency = "chroniccare_produce_to_alert_latency_seconds";

    /// <summary>Gauge: messages behind the partition's high watermark, by <c>partition</c> (a number).</summary>
    public const string ConsumerLag = "chroniccare_consumer_lag";

    /// <summary>Histogram (seconds): a call to a store, by <c>store</c> = redis | clickhouse and <c>operation</c>.</summary>
    public const string StoreCallDuration = "chroniccare_store_call_duration_seconds";

    /// <summary>Gauge: the store's circuit breaker by <c>store</c>: 0 closed, 1 half-open, 2 open.</summary>
    public const string BreakerState = "chroniccare_breaker_state";

    /// <summary>Counter: requests to <c>serve</c>, by <c>route</c> (the template, never a filled-in id), <c>method</c> and <c>code</c>.</summary>
    public const string HttpRequests = "chroniccare_http_requests_total";

    /// <summary>Counter: triage decisions taken through <c>serve</c>, by <c>decision</c> (confirm, dismiss, reinstate) and <c>outcome</c> (recorded, refused).</summary>
    public const string TriageDecisions = "chroniccare_triage_decisions_total";

    public static IReadOnlyList<string> All { get; } =
    [
        BuildInfo, EventsConsumed, EventsProcessed, DeadLetters, Alerts, Actions, ProcessingDuration, ProduceToAlertLatency,
        ConsumerLag, StoreCallDuration, BreakerState, HttpRequests, TriageDecisions,
    ];
}
