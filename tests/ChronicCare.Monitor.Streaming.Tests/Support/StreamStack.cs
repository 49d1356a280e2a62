using System.Globalization;
using StackExchange.Redis;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>
/// One integration test's servers: a fresh mock Kafka cluster and a fresh `redis-server`, a dataset published
/// with `chroniccare produce`, and helpers to start processors and read the outcome from the output topics.
/// </summary>
internal sealed class StreamStack : IDisposable
{
    public const string Group = "it";

    private StreamStack(Dataset data)
    {
        Data = data;
        Kafka = new MockKafka();
        Redis = new RedisServer();
    }

    public Dataset Data { get; }

    public MockKafka Kafka { get; }

    public RedisServer Redis { get; }

    public static StreamStack Published(Dataset data)
    {
        var stack = new StreamStack(data);
        using var produce = CliProcess.Start("produce", "--kafka", stack.Kafka.Bootstrap, "--reference", data.ReferenceDir, "--events", data.EventsFile, "--quiet");
        var code = produce.WaitForExit(TimeSpan.FromMinutes(2));
        Xunit.Assert.True(code == 0, $"produce exited {code}: {produce.Errors}");
        return stack;
    }

    /// <summary>The reference published; the events still to come (see <see cref="ProduceEvents"/>).</summary>
    public static StreamStack WithReference(Dataset data)
    {
        var stack = new StreamStack(data);
        var empty = Path.Combine(Path.GetTempPath(), $"chroniccare-empty-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(empty, string.Empty);
        using var produce = CliProcess.Start("produce", "--kafka", stack.Kafka.Bootstrap, "--reference", data.ReferenceDir, "--events", empty, "--quiet");
        var code = produce.WaitForExit(TimeSpan.FromMinutes(2));
        File.Delete(empty);
        Xunit.Assert.True(code == 0, $"produce exited {code}: {produce.Errors}");
        return stack;
    }

    /// <summary>Publishes the events at a steady rate in the background.</summary>
    public CliProcess ProduceEvents(int rate) => CliProcess.Start(
        "produce", "--kafka", Kafka.Bootstrap, "--events", Data.EventsFile, "--rate", rate.ToString(CultureInfo.InvariantCulture), "--quiet");

    /// <summary>`run` as a process on this stack; with <paramref name="exitWhenIdleMs"/> null it runs until stopped; <paramref name="extra"/> options are appended.</summary>
    public CliProcess StartProcessor(int maxBatch = 200, int? exitWhenIdleMs = 5000, string group = Group, params string[] extra) => CliProcess.Start(
        ["run", "--kafka", Kafka.Bootstrap, "--redis", Redis.HostPort, "--group", group,
        "--max-batch", maxBatch.ToString(CultureInfo.InvariantCulture), "--max-batch-wait-ms", "50",
        .. exitWhenIdleMs is { } ms ? new[] { "--exit-when-idle-ms", ms.ToString(CultureInfo.InvariantCulture) } : [],
        .. extra]);

    /// <summary>Events the stored state includes, summed over partitions (from the offsets saved with it).</summary>
    public long StoredEvents()
    {
        try
        {
            using var redis = ConnectionMultiplexer.Connect($"{Redis.HostPort},abortConnect=false,connectTimeout=500");
            var db = redis.GetDatabase();
            long sum = 0;
            for (var p = 0; p < 4; p++)
            {
                var v = db.HashGet($"cc:{Group}:state:{p}", "~offset");
                sum += v.IsNull ? 0 : long.Parse((string)v!, CultureInfo.InvariantCulture) + 1;
            }

            return sum;
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // Down or restarting (some tests stop it): not there yet.
            return -1;
        }
    }

    /// <summary>Waits until the stored state includes at least <paramref name="events"/> events.</summary>
    public void WaitForStored(long events, CliProcess processor, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (StoredEvents() < events)
        {
            if (processor.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"state did not reach {events} events (at {StoredEvents()}); processor exited: {processor.HasExited}\n{CliProcess.Tail(processor.Errors)}");
            }

            Thread.Sleep(20);
        }
    }

    public Outcome Outcome() => Support.Outcome.OfJson(
        Kafka.ReadAll("chroniccare.alerts").Select(r => r.Message.Value),
        Kafka.ReadAll("chroniccare.actions").Select(r => r.Message.Value));

    public void Dispose()
    {
        Redis.Dispose();
        Kafka.Dispose();
    }
}
