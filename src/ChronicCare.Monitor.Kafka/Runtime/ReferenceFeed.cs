using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Streaming.State;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>
/// The compacted reference topic, read whole by every process (it is small and every partition's patients need
/// all of it): to its end before any event is consumed, then between batches, so an upsert is applied before the
/// events produced after it.
/// </summary>
internal sealed class ReferenceFeed : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly string _bootstrap;
    private readonly string _topic;
    private readonly EventParser _parser = new();

    public ReferenceFeed(string bootstrap, string group, string topic)
    {
        _bootstrap = bootstrap;
        _topic = topic;
        var config = KafkaSettings.Consumer(bootstrap, $"{group}.reference");
        config.EnablePartitionEof = true;
        _consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
    }

    private readonly Dictionary<int, long> _next = [];

    public long Records { get; private set; }

    /// <summary>How far the topic has been applied: the next offset to read of each partition (compaction keeps offsets).</summary>
    public ReferencePosition Position => new(new Dictionary<int, long>(_next));

    /// <summary>Reads every partition from the beginning to its current end.</summary>
    public void LoadToEnd(Action<ReferenceUpsert> apply, Action<DeadLetter> bad, TimeSpan timeout, CancellationToken ct)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _bootstrap }).Build();
        var meta = admin.GetMetadata(_topic, timeout).Topics.Single();
        if (meta.Error.IsError && meta.Error.Code != ErrorCode.UnknownTopicOrPart)
        {
            throw new KafkaException(meta.Error);
        }

        var partitions = meta.Partitions.Select(p => p.PartitionId).ToHashSet();
        _consumer.Assign(partitions.Select(p => new TopicPartitionOffset(_topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + timeout;
        while (partitions.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"reading reference topic {_topic} to its end took over {timeout.TotalSeconds:0} s");
            }

            var r = _consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (r is null)
            {
                continue;
            }

            if (r.IsPartitionEOF)
            {
                partitions.Remove(r.Partition.Value);
                continue;
            }

            Handle(r, apply, bad);
        }
    }

    /// <summary>Applies whatever arrived since; never blocks.</summary>
    public int Poll(Action<ReferenceUpsert> apply, Action<DeadLetter> bad)
    {
        var n = 0;
        while (_consumer.Consume(TimeSpan.Zero) is { } r)
        {
            if (!r.IsPartitionEOF)
            {
                Handle(r, apply, bad);
                n++;
            }
        }

        return n;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }

    private void Handle(ConsumeResult<string?, byte[]> r, Action<ReferenceUpsert> apply, Action<DeadLetter> bad)
    {
        _next[r.Partition.Value] = r.Offset.Value + 1;
        var outcome = _parser.Parse(r.Message.Value ?? []);
        if (outcome.Event is ReferenceUpsert u)
        {
            apply(u);
            Records++;
        }
        else
        {
            bad(new DeadLetter(_topic, r.Offset.Value, r.Partition.Value, outcome.Error ?? "not a reference record (facility, drug, disease or patient)", r.Message.Value ?? []));
        }
    }
}
