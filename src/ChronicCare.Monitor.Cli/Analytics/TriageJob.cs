using System.Text;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Analytics.Triage;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Producing;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>
/// <c>triage</c>: one reviewer decision, checked (<see cref="TriageDesk"/>), recorded in the store's audit trail
/// (who, when, why, which alert or action), and handed to the engine: <c>detect --store</c> reads it back, <c>run</c>
/// gets it on the events topic (<c>--kafka</c>, keyed by the patient, marked by the internal header), and
/// <c>--out FILE</c> appends it as a line for <c>detect --reviews</c>.
/// </summary>
internal static class TriageJob
{
    public static async Task<TriageOutcome> RunAsync(StoreChoice storeChoice, TriageRequest request, string rosterPath, string? kafka, string eventsTopic,
        string? outFile, TimeProvider time, CancellationToken ct)
    {
        var roster = LoadRoster(rosterPath);
        await using var store = await storeChoice.OpenAsync(ct).ConfigureAwait(false);
        var outcome = await new TriageDesk(store, roster, time).DecideAsync(request, ct).ConfigureAwait(false);
        var decision = outcome.Decision;
        var batch = new AnalyticsBatch();
        batch.Decisions.Add(decision);
        await store.WriteAsync(batch, ct).ConfigureAwait(false);

        // A facility's alert (R12) has no patient: recorded for the audit and the report, nothing for the engine.
        if (decision.PatientId.Length > 0)
        {
            if (outFile is not null)
            {
                await File.AppendAllTextAsync(outFile, Encoding.UTF8.GetString(ReviewJson.ToUtf8(decision)) + "\n", ct).ConfigureAwait(false);
            }

            if (kafka is not null)
            {
                using var publisher = new EventPublisher(kafka);
                publisher.Publish(eventsTopic, decision.PatientId, ReviewJson.ToUtf8(decision),
                    new Headers { { KafkaSettings.InternalHeader, Encoding.ASCII.GetBytes(KafkaSettings.ReviewHeaderValue) } });
                await publisher.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        return outcome;
    }

    public static ReviewerRoster LoadRoster(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"reviewers roster not found: {path} (see pipelines/reviewers.json)");
        }

        try
        {
            return ReviewerRoster.Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new InputException($"{path}: {e.Message}");
        }
    }
}
