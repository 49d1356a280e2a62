using Confluent.Kafka;

namespace ChronicCare.Monitor.Kafka.Producing;

/// <summary>
/// The monitor's one producer: its settings (idempotent, acks=all, murmur2 by key), backpressure when
/// librdkafka's queue is full (the caller waits instead of memory growing), and delivery counting.
/// <see cref="FlushAsync"/> waits for the report of every record sent so far and fails if one failed; it counts
/// the reports itself rather than use the client's Flush, which (Confluent.Kafka 1.9) looks only every 100 ms and
/// would add that to every commit of the stream runtime. `produce` and the benchmark publish through it; the
/// runtime's outputs (<see cref="Runtime.KafkaOutput"/>) too.
/// </summary>
public sealed class EventPublisher : IDisposable
{
    private readonly IProducer<string?, byte[]> _producer;
    private readonly Action<DeliveryReport<string?, byte[]>> _onDelivery;
    private readonly Lock _gate = new();
    private Error? _failure;
    private long _delivered;
    private long _outstanding;
    private TaskCompletionSource? _drained;

    /// <param name="lingerMs">How long librdkafka waits to fill a batch: long for bulk publishing, short where latency counts.</param>
    public EventPublisher(string bootstrap, double? lingerMs = null)
    {
        var config = KafkaSettings.Producer(bootstrap);
        config.LingerMs = lingerMs ?? config.LingerMs;
        _producer = new ProducerBuilder<string?, byte[]>(config).Build();
        _onDelivery = r =>
        {
            if (r.Error.IsError)
            {
                _failure ??= r.Error;
            }
            else
            {
                Interlocked.Increment(ref _delivered);
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

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>
    /// Sends a record; throws at once when an earlier delivery has failed since the last flush (and forgets that
    /// failure, so the caller can send everything again, as a flush that throws does).
    /// </summary>
    public void Publish(string topic, string? key, byte[] value, Headers? headers = null)
    {
        if (_failure is { } e)
        {
            _failure = null;
            throw new KafkaException(e);
        }

        var message = new Message<string?, byte[]> { Key = key, Value = value, Headers = headers };
        while (true)
        {
            Interlocked.Increment(ref _outstanding);
            try
            {
                _producer.Produce(topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<string?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
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

    /// <summary>Waits for every record sent so far; throws (and forgets the failure, so records can be sent again) if one failed.</summary>
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

    public void Flush(CancellationToken ct) => FlushAsync(ct).GetAwaiter().GetResult();

    /// <summary>
    /// Fetches the topics' metadata now: a producer's first record to a topic otherwise waits for it (about a second
    /// on the mock cluster).
    /// </summary>
    public void WarmUp(IEnumerable<string> topics, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        foreach (var topic in topics)
        {
            admin.GetMetadata(topic, timeout);
        }
    }

    public void Dispose() => _producer.Dispose();
}
