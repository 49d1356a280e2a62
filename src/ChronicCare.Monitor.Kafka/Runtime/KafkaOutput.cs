using System.Text;
using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Streaming.Output;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>
/// The output topics: alerts keyed by alert_id, actions by action_id (both compacted: the last record per id is
/// its state), dead letters, and rechecks written back to the events topic keyed by the patient they concern.
/// Idempotent producer; <see cref="FlushAsync"/> waits for every delivery and fails if any failed.
/// </summary>
internal sealed class KafkaOutput : IStreamOutput, IDisposable
{
    private static readonly byte[] RecheckValue = """{"type":"recheck"}"""u8.ToArray();
    private readonly IProducer<string?, byte[]> _producer;
    private readonly KafkaTopics _topics;
    private readonly Action<DeliveryReport<string?, byte[]>> _onDelivery;
    private Error? _failure;

    public KafkaOutput(string bootstrap, KafkaTopics topics)
    {
        _topics = topics;
        _producer = new ProducerBuilder<string?, byte[]>(KafkaSettings.Producer(bootstrap)).Build();
        _onDelivery = r =>
        {
            if (r.Error.IsError)
            {
                _failure ??= r.Error;
            }
        };
    }

    public void Alert(Alert alert) => Send(_topics.Alerts, alert.AlertId, ContractJson.ToUtf8(w => ContractJson.Write(w, alert)), null);

    public void Action(IntegrityAction action) => Send(_topics.Actions, action.ActionId, ContractJson.ToUtf8(w => ContractJson.Write(w, action)), null);

    public void DeadLetter(DeadLetter deadLetter) => Send(_topics.DeadLetter, null, ContractJson.ToUtf8(w => ContractJson.Write(w, deadLetter)), null);

    public void Recheck(string patientId) =>
        Send(_topics.Events, patientId, RecheckValue, new Headers { { KafkaSettings.InternalHeader, Encoding.ASCII.GetBytes("recheck") } });

    public Task FlushAsync(CancellationToken ct) => Task.Run(
        () =>
        {
            _producer.Flush(ct);
            if (_failure is { } e)
            {
                _failure = null;
                throw new KafkaException(e);
            }
        },
        ct);

    public void Dispose() => _producer.Dispose();

    private void Send(string topic, string? key, byte[] value, Headers? headers)
    {
        var message = new Message<string?, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure: wait for deliveries to make room rather than grow memory.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
