using System.Text;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Kafka.Producing;
using ChronicCare.Monitor.Streaming.Output;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>
/// The output topics: alerts keyed by alert_id, actions by action_id (both compacted: the last record per id is
/// its state), dead letters, and rechecks written back to the events topic keyed by the patient they concern.
/// Through the monitor's one producer (<see cref="EventPublisher"/>); <see cref="FlushAsync"/> waits for every
/// delivery and fails if any failed.
/// </summary>
public sealed class KafkaOutput : IStreamOutput, IDisposable
{
    private static readonly byte[] RecheckValue = """{"type":"recheck"}"""u8.ToArray();
    private readonly EventPublisher _publisher;
    private readonly KafkaTopics _topics;

    public KafkaOutput(string bootstrap, KafkaTopics topics)
    {
        _topics = topics;
        _publisher = new EventPublisher(bootstrap);
    }

    /// <summary>Fetches the output topics' metadata before the first commit needs it (a first alert would otherwise wait for it).</summary>
    public void WarmUp(TimeSpan timeout) => _publisher.WarmUp([_topics.Alerts, _topics.Actions, _topics.DeadLetter, _topics.Events], timeout);

    public void Alert(Alert alert) => _publisher.Publish(_topics.Alerts, alert.AlertId, ContractJson.ToUtf8(w => ContractJson.Write(w, alert)));

    public void Action(IntegrityAction action) => _publisher.Publish(_topics.Actions, action.ActionId, ContractJson.ToUtf8(w => ContractJson.Write(w, action)));

    public void DeadLetter(DeadLetter deadLetter) => _publisher.Publish(_topics.DeadLetter, null, ContractJson.ToUtf8(w => ContractJson.Write(w, deadLetter)));

    public void Recheck(string patientId) =>
        _publisher.Publish(_topics.Events, patientId, RecheckValue, new Headers { { KafkaSettings.InternalHeader, Encoding.ASCII.GetBytes("recheck") } });

    public Task FlushAsync(CancellationToken ct) => _publisher.FlushAsync(ct);

    public void Dispose() => _publisher.Dispose();
}
