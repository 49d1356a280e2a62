using Confluent.Kafka;

namespace ChronicCare.Monitor.Kafka.Producing;

/// <summary>
/// Publishes records with the monitor's producer settings (idempotent, acks=all, murmur2 by key) and holds the
/// caller back when librdkafka's queue is full instead of growing memory. <see cref="Flush"/> waits for every
/// delivery and fails if one failed.
/// </summary>
public sealed class EventPublisher : IDisposable
{
    private readonly IProducer<string?, byte[]> _producer;
    private readonly Action<DeliveryReport<string?, byte[]>> _onDelivery;
    private Error? _failure;
    private long _delivered;

    public EventPublisher(string bootstrap)
    {
        var config = KafkaSettings.Producer(bootstrap);
        config.LingerMs = 20;
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
        };
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public void Publish(string topic, string? key, byte[] value)
    {
        if (_failure is { } e)
        {
            throw new KafkaException(e);
        }

        var message = new Message<string?, byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<string?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    public void Flush(CancellationToken ct)
    {
        _producer.Flush(ct);
        if (_failure is { } e)
        {
            throw new KafkaException(e);
        }
    }

    public void Dispose() => _producer.Dispose();
}
