using Confluent.Kafka;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>
/// librdkafka's mock cluster (real Kafka protocol on loopback, in memory), hosted by a client in the test process
/// (`test.mock.num.brokers`); other processes reach it through <see cref="Bootstrap"/>. Topics are auto-created
/// with 4 partitions; each partition keeps about 100,000 messages (ENVIRONMENT.md), so tests stay well under that.
/// </summary>
internal sealed class MockKafka : IDisposable
{
    private readonly IProducer<byte[], byte[]> _host;

    public MockKafka()
    {
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", "3");
        _host = new ProducerBuilder<byte[], byte[]>(config).Build();
        using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
        var meta = admin.GetMetadata(TimeSpan.FromSeconds(10));
        Bootstrap = string.Join(',', meta.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string Bootstrap { get; }

    /// <summary>Every message of a topic from the beginning, read until the end of each partition.</summary>
    public List<ConsumeResult<string?, byte[]>> ReadAll(string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = Bootstrap,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = Bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => p.PartitionId).ToHashSet();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var all = new List<ConsumeResult<string?, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (partitions.Count > 0 && DateTime.UtcNow < deadline)
        {
            var r = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (r is null)
            {
                continue;
            }

            if (r.IsPartitionEOF)
            {
                partitions.Remove(r.Partition.Value);
            }
            else
            {
                all.Add(r);
            }
        }

        consumer.Close();
        return all;
    }

    public void Dispose() => _host.Dispose();
}
