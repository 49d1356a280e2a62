using System.Runtime.InteropServices;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.State;
using ChronicCare.Monitor.Telemetry;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// Counts a published outbox into the metrics: alerts by rule, severity and status, actions by kind, dead letters,
/// and each alert's produce-to-alert latency. Summed per outbox first, so the meter sees one Add per label set.
/// </summary>
internal static class PublishedMetrics
{
    /// <param name="earliestEventMs">Kafka timestamp (Unix ms) of the earliest event of the batch that made the outbox; 0 when unknown (an outbox loaded from the last owner), then no latency is recorded.</param>
    public static void Count(MonitorMeter metrics, Outbox outbox, long earliestEventMs, DateTimeOffset now)
    {
        var alerts = new Dictionary<(string Rule, Severity Severity, AlertStatus Status), long>();
        foreach (var a in outbox.Alerts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(alerts, (a.Rule, a.Severity, a.Status), out _)++;
        }

        foreach (var ((rule, severity, status), n) in alerts)
        {
            metrics.AlertsPublished(rule, SeverityName(severity), status == AlertStatus.Open ? "open" : "withdrawn", n);
        }

        var actions = new Dictionary<ActionKind, long>();
        foreach (var a in outbox.Actions)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(actions, a.Action, out _)++;
        }

        foreach (var (kind, n) in actions)
        {
            metrics.ActionsPublished(IntegrityAction.NameOf(kind), n);
        }

        if (outbox.DeadLetters.Count > 0)
        {
            metrics.DeadLettered(outbox.DeadLetters.Count);
        }

        if (earliestEventMs > 0)
        {
            // The batch's earliest event stands for each alert's cause: an upper bound by at most the batch's span.
            var latency = now - DateTimeOffset.FromUnixTimeMilliseconds(earliestEventMs);
            for (var i = 0; i < outbox.Alerts.Count; i++)
            {
                metrics.AlertLatency(latency);
            }
        }
    }

    // The contract's spelling (ContractJson), the label values the dashboards filter on.
    private static string SeverityName(Severity severity) => severity switch
    {
        Severity.High => "high",
        Severity.Medium => "medium",
        _ => "low",
    };
}
