using System.Text;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Producing;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Cli.Serving.Triage;

/// <summary>
/// Where a decision goes, as with <c>triage</c>: into the store's decisions table (the audit trail, which
/// <c>detect --store</c> reads back) and, with <c>--kafka</c>, onto the events topic for a running <c>run</c>
/// (keyed by the patient, marked by the internal header; <c>run</c> checks the user against its own roster).
/// </summary>
internal sealed class DecisionSink(IAnalyticsStore store, string? kafka, string eventsTopic) : IDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);
    private readonly EventPublisher? _publisher = kafka is null ? null : new EventPublisher(kafka);

    /// <summary>Records the decision; false when it is recorded but could not be sent to the events topic.</summary>
    public async Task<bool> RecordAsync(ReviewDecision decision, CancellationToken ct)
    {
        var batch = new AnalyticsBatch();
        batch.Decisions.Add(decision);
        await store.WriteAsync(batch, ct).ConfigureAwait(false);

        // A facility's alert (R12) has no patient: recorded for the audit and the report, nothing for the engine.
        if (_publisher is null || decision.PatientId.Length == 0)
        {
            return true;
        }

        try
        {
            _publisher.Publish(eventsTopic, decision.PatientId, ReviewJson.ToUtf8(decision),
                new Headers { { KafkaSettings.InternalHeader, Encoding.ASCII.GetBytes(KafkaSettings.ReviewHeaderValue) } });
            // A reviewer waits for the answer: a broker that does not confirm in time is reported, and the same
            // decision sent again is the same record (TriageDesk's repeat), which the engine applies once.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SendTimeout);
            await _publisher.FlushAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is KafkaException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    public void Dispose() => _publisher?.Dispose();
}
