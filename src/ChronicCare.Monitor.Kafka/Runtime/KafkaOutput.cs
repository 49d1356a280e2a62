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
    private readonly Lock _gate = new();
    private Error? _failure;
    private long _outstanding;
    private TaskCompletionSource? _drained;

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

            if (Interlocked.Decrement(ref _outstanding) == 0)
            {
                lock (_gate)
                {
                    _drained?.TrySetResult();
                }
            }
        };
    }

    /// <summary>
    /// Fetches the output topics' metadata before the first commit needs it: a producer's first record to a topic
    /// otherwise waits for it (about a second on the mock cluster), and that would land on the first alerts.
    /// </summary>
    public void WarmUp(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        foreach (var topic in new[] { _topics.Alerts, _topics.Actions, _topics.DeadLetter, _topics.Events })
        {
            admin.GetMetadata(topic, timeout);
        }
    }

    public void Alert(Alert alert) => Send(_topics.Alerts, alert.AlertId, ContractJson.ToUtf8(w => ContractJson.Write(w, alert)), null);

    public void Action(IntegrityAction action) => Send(_topics.Actions, action.ActionId, ContractJson.ToUtf8(w => ContractJson.Write(w, action)), null);

    public void DeadLetter(DeadLetter deadLetter) => Send(_topics.DeadLetter, null, ContractJson.ToUtf8(w => ContractJson.Write(w, deadLetter)), null);

    public void Recheck(string patientId) =>
        Send(_topics.Events, patientId, RecheckValue, new Headers { { KafkaSettings.InternalHeader, Encoding.ASCII.GetBytes("recheck") } });

    /// <summary>
    /// Waits for the delivery report of every record sent so far. Counted here rather than with the client's
    /// Flush, which (Confluent.Kafka 1.9) looks only every 100 ms and would add that to every commit.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Task wait;
        lock (_gate)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.Read(ref _outstanding) == 0)
            {
                _drained.TrySetResult();
            }

            wait = _drained.Task;
        }

        await wait.WaitAsync(ct).ConfigureAwait(false);
        if (_failure is { } e)
        {
            _failure = null;
            throw new KafkaException(e);
        }
    }

    public void Dispose() => _producer.Dispose();

    private void Send(string topic, string? key, byte[] value, Headers? headers)
    {
        var message = new Message<string?, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            try
            {
                Interlocked.Increment(ref _outstanding);
                _producer.Produce(topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure: wait for deliveries to make room rather than grow memory.
                Interlocked.Decrement(ref _outstanding);
                Thread.Sleep(20);
            }
            catch
            {
                Interlocked.Decrement(ref _outstanding);
                throw;
            }
        }
    }
}
