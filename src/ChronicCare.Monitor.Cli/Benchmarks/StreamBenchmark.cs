using System.Diagnostics;
using System.Text;
using ChronicCare.Monitor.Cli.Streaming;
using ChronicCare.Monitor.Cli.Terminal;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Producing;
using ChronicCare.Monitor.Kafka.Runtime;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Redis;
using ChronicCare.Monitor.Simulation;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Cli.Benchmarks;

/// <summary>
/// `bench stream`: the streaming runtime end to end on this machine (produce → engine → Redis → alerts topic),
/// against a bare consume of the same events, and the produce-to-alert latency at a fixed rate. Every phase uses
/// fresh topics and a fresh state namespace. The producer never runs more than <see cref="LagCap"/> events ahead
/// of the consumer being measured: librdkafka's mock cluster keeps only ~5 MiB per partition, and a consumer left
/// further behind would lose events (on real Kafka the cap only shapes the load).
/// </summary>
internal static class StreamBenchmark
{
    private const int LagCap = 12_000;

    public sealed record Options(string Bootstrap, string Redis, int Patients, int Months, int Seed, int Rate, int LatencySeconds);

    public static void Run(Options o, TextWriter output, TextWriter err, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("chroniccare-bench-stream-").FullName;
        try
        {
            err.WriteLine($"bench stream: simulating {o.Patients:N0} patients over {o.Months} months...");
            Simulator.Run(new SimulationOptions(dir, o.Patients, o.Months, o.Seed, 0.02), null, ct);
            var events = Load(Path.Combine(dir, "events.jsonl"));
            var run = Guid.NewGuid().ToString("N")[..8];
            output.WriteLine($"bench stream: {events.Count:N0} events of {o.Patients:N0} patients; Kafka {o.Bootstrap}; Redis {o.Redis}; {Environment.ProcessorCount} cores shared by producer, processor, broker and Redis");

            err.WriteLine("bench stream: bare consume...");
            var bare = BareConsume(o.Bootstrap, $"bench-{run}-bare", events, ct);
            output.WriteLine($"bare consume (no processing):      {bare,10:N0} events/s");

            err.WriteLine("bench stream: end to end at saturation...");
            var (endToEnd, s, elapsed) = Saturate(o, dir, $"bench-{run}-sat", events, ct);
            output.WriteLine($"end to end (engine, Redis, alerts): {endToEnd,10:N0} events/s   ratio {endToEnd / bare:F2} of bare (aim >= 0.30); aim 50,000 events/s; {s.AlertRecords:N0} alert records");
            output.WriteLine($"  where a commit's time went over {elapsed.TotalSeconds:F1} s and {s.Commits:N0} commits: shared uses {s.SyncTime.TotalSeconds:F1} s, engine flush + state encoding {s.FlushTime.TotalSeconds:F1} s, outputs {s.ProduceTime.TotalSeconds:F1} s, state save {s.SaveTime.TotalSeconds:F1} s");

            err.WriteLine($"bench stream: latency at {o.Rate:N0} events/s for {o.LatencySeconds} s...");
            var (p50, p99, samples, achieved) = Latency(o, dir, $"bench-{run}-lat", events, ct);
            output.WriteLine($"produce→alert latency at {achieved:N0} events/s: p50 {p50:F0} ms, p99 {p99:F0} ms over {samples:N0} alerts (aim p99 < 250 ms)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<(string? Key, byte[] Value, string? SettlementId)> Load(string eventsFile)
    {
        var lines = File.ReadAllLines(eventsFile);
        var keys = EventKeys.FromLines(lines);
        var parser = new EventParser();
        return lines.Where(l => l.Length > 0).Select(l =>
        {
            var v = Encoding.UTF8.GetBytes(l);
            return (keys.KeyOf(v), v, (parser.Parse(v).Event as Settlement)?.SettlementId);
        }).ToList();
    }

    private static double BareConsume(string bootstrap, string prefix, List<(string? Key, byte[] Value, string? Sid)> events, CancellationToken ct)
    {
        var topic = $"{prefix}.events";
        long consumed = 0;
        using var done = new CancellationTokenSource();
        var consumer = Task.Run(() =>
        {
            using var c = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrap, GroupId = prefix, AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = true, FetchWaitMaxMs = 10,
            }).Build();
            c.Subscribe(topic);
            while (Interlocked.Read(ref consumed) < events.Count && !done.IsCancellationRequested)
            {
                if (c.Consume(TimeSpan.FromMilliseconds(100)) is { } r)
                {
                    _ = r.Message.Value.Length;
                    Interlocked.Increment(ref consumed);
                }
            }

            c.Close();
        }, ct);
        using var publisher = new EventPublisher(bootstrap, lingerMs: 20);
        WaitUntilAssigned(publisher, topic, () => Interlocked.Read(ref consumed), ct);
        var clock = Stopwatch.StartNew();
        Publish(publisher, topic, events, rate: null, () => Interlocked.Read(ref consumed), null, ct);
        consumer.Wait(ct);
        return events.Count / clock.Elapsed.TotalSeconds;
    }

    private static (double Rate, Monitor.Streaming.Runtime.StreamStats Stats, TimeSpan Elapsed) Saturate(Options o, string dataDir, string prefix, List<(string? Key, byte[] Value, string? Sid)> events, CancellationToken ct)
    {
        using var host = Processor.Start(o, dataDir, prefix, ct);
        var clock = Stopwatch.StartNew();
        Publish(host.Publisher, host.Topics.Events, events, rate: null, () => host.Committed, null, ct);
        while (host.Committed < events.Count)
        {
            ct.ThrowIfCancellationRequested();
            Thread.Sleep(5);
        }

        return (events.Count / clock.Elapsed.TotalSeconds, host.Runtime.Stats, clock.Elapsed);
    }

    private static (double P50, double P99, int Samples, double Achieved) Latency(Options o, string dataDir, string prefix, List<(string? Key, byte[] Value, string? Sid)> events, CancellationToken ct)
    {
        var count = (int)Math.Min(events.Count, (long)o.Rate * o.LatencySeconds);
        var slice = events.Take(count).ToList();
        using var host = Processor.Start(o, dataDir, prefix, ct);
        var producedAt = new Dictionary<string, long>(count, StringComparer.Ordinal);
        var latencies = new List<double>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        using var assigned = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            using var c = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = o.Bootstrap, GroupId = $"{prefix}-alerts", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = false, FetchWaitMaxMs = 10,
            }).SetPartitionsAssignedHandler((_, _) => assigned.Set()).Build();
            c.Subscribe(host.Topics.Alerts);
            while (!stop.IsCancellationRequested)
            {
                if (c.Consume(TimeSpan.FromMilliseconds(50)) is not { } r || r.Message.Key is not { } id)
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                var sid = id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];
                lock (producedAt)
                {
                    if (seen.Add(id) && producedAt.TryGetValue(sid, out var t))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(t, now).TotalMilliseconds);
                    }
                }
            }

            c.Close();
        }, ct);
        assigned.Wait(TimeSpan.FromSeconds(30), ct); // the alerts reader's group has joined
        var clock = Stopwatch.StartNew();
        Publish(host.Publisher, host.Topics.Events, slice, o.Rate, () => host.Committed, (sid, t) =>
        {
            lock (producedAt)
            {
                producedAt[sid] = t;
            }
        }, ct);
        var achieved = count / clock.Elapsed.TotalSeconds;
        while (host.Committed < count)
        {
            ct.ThrowIfCancellationRequested();
            Thread.Sleep(5);
        }

        Thread.Sleep(1000);
        stop.Cancel();
        reader.Wait(ct);
        lock (producedAt)
        {
            latencies.Sort();
            return latencies.Count == 0
                ? (double.NaN, double.NaN, 0, achieved)
                : (latencies[(int)(latencies.Count * 0.50)], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))], latencies.Count, achieved);
        }
    }

    /// <summary>Publishes at most <see cref="LagCap"/> ahead of <paramref name="consumed"/>, and at <paramref name="rate"/> when given.</summary>
    private static void Publish(EventPublisher publisher, string topic, List<(string? Key, byte[] Value, string? Sid)> events, int? rate, Func<long> consumed, Action<string, long>? onSend, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            while (i - consumed() > LagCap)
            {
                Thread.Sleep(1);
            }

            if (rate is { } r)
            {
                var due = TimeSpan.FromSeconds(i / (double)r);
                while (clock.Elapsed < due)
                {
                    Thread.Sleep(1);
                }
            }

            var (key, value, sid) = events[i];
            if (sid is not null)
            {
                onSend?.Invoke(sid, Stopwatch.GetTimestamp());
            }

            publisher.Publish(topic, key, value);
        }

        publisher.Flush(ct);
    }

    private static void WaitUntilAssigned(EventPublisher publisher, string topic, Func<long> consumed, CancellationToken ct)
    {
        // One warm-up record creates the topic; the consumer counts it once its group has joined.
        publisher.Publish(topic, "warmup", "{}"u8.ToArray());
        publisher.Flush(ct);
        var deadline = Stopwatch.StartNew();
        while (consumed() < 1 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>`run` in this process, on its own topics and state namespace.</summary>
    private sealed class Processor : IDisposable
    {
        private readonly ILoggerFactory _logs;
        private readonly StackExchange.Redis.ConnectionMultiplexer _redis;
        private readonly KafkaOutput _output;
        private readonly CancellationTokenSource _stop;
        private readonly Task _loop;

        private Processor(Options o, string dataDir, string prefix, CancellationToken ct)
        {
            Topics = new KafkaTopics
            {
                Events = $"{prefix}.events", Reference = $"{prefix}.reference", Alerts = $"{prefix}.alerts", Actions = $"{prefix}.actions", DeadLetter = $"{prefix}.dead-letter",
            };
            Publisher = new EventPublisher(o.Bootstrap, lingerMs: 20);
            ProduceJob.PublishReference(Publisher, Topics.Reference, dataDir, ct);
            Publisher.Flush(ct);
            var options = new RunOptions { Bootstrap = o.Bootstrap, Group = prefix, Topics = Topics, MaxBatch = 8_000, MaxBatchWait = TimeSpan.FromMilliseconds(20), StatusEvery = TimeSpan.FromHours(1) };
            _logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new LineLoggerProvider(Console.Error, LogLevel.Warning, TimeProvider.System)));
            _redis = RedisConnection.Connect(o.Redis);
            _output = new KafkaOutput(o.Bootstrap, Topics);
            Runtime = RunJob.CreateRuntime(options, DetectionPolicy.Default, _redis, _output, _logs, TimeProvider.System);
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var runner = new StreamRunner(options, Runtime, _output, _logs.CreateLogger("bench"));
            _loop = Task.Run(() => runner.RunAsync(_stop.Token), ct);

            // A first record creates each topic (about a second on the mock, not to be measured); the group's first
            // rebalance takes ~3 s more.
            foreach (var topic in new[] { Topics.Alerts, Topics.Actions, Topics.DeadLetter, Topics.Events })
            {
                Publisher.Publish(topic, "warmup", "{}"u8.ToArray());
            }

            Publisher.Flush(ct);
            var deadline = Stopwatch.StartNew();
            while (Runtime.Stats.OffsetsCommitted < 1 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(10);
            }

            Base = Runtime.Stats.OffsetsCommitted;
        }

        public KafkaTopics Topics { get; }

        public EventPublisher Publisher { get; }

        public Monitor.Streaming.Runtime.StreamRuntime Runtime { get; }

        private long Base { get; }

        /// <summary>Events made durable since the warm-up record.</summary>
        public long Committed => Runtime.Stats.OffsetsCommitted - Base;

        public static Processor Start(Options o, string dataDir, string prefix, CancellationToken ct) => new(o, dataDir, prefix, ct);

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(30));
            _stop.Dispose();
            _output.Dispose();
            _redis.Dispose();
            Publisher.Dispose();
            _logs.Dispose();
        }
    }
}
