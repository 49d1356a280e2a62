using System.Diagnostics;
using System.Text;
using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Runtime;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Streaming.Runtime;
using Confluent.Kafka;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>
/// <c>record</c>: the analytics side of the stream. Its own consumer group reads the events topic (and the reference
/// topic, whole, like <c>run</c>) and writes settlements, lines, reversals, stays and enrolments to the
/// analytics store in batches, committing Kafka offsets only after a batch is written. At least once, and the rows
/// are keyed, so a replay after a crash or a rebalance changes no total; it scales like <c>run</c>, by adding
/// instances to the group. Bad events are skipped here: the detection group dead-letters them.
/// </summary>
internal static class RecordJob
{
    public sealed record Summary(long Events, long Skipped, long Batches, TimeSpan Elapsed);

    public static async Task<Summary> RunAsync(string bootstrap, string group, KafkaTopics topics, StoreChoice storeChoice, int maxBatch, TimeSpan maxWait,
        TimeSpan? exitWhenIdle, TextWriter log, CancellationToken ct)
    {
        if (maxBatch < 1)
        {
            throw new ArgumentException("--max-batch must be >= 1");
        }

        var clock = Stopwatch.StartNew();
        var reference = new ReferenceData();
        await using var store = await storeChoice.OpenAsync(ct).ConfigureAwait(false);
        var recorder = new AnalyticsRecorder(storeChoice.Pseudonyms(), reference);
        using var feed = new ReferenceFeed(bootstrap, group, topics.Reference);
        void Upsert(ReferenceUpsert u)
        {
            reference.Upsert(u.Record);
            recorder.Record(u);
        }

        feed.LoadToEnd(Upsert, _ => { }, TimeSpan.FromSeconds(60), ct);
        await Write(store, recorder.Batch).ConfigureAwait(false);
        log.WriteLine($"record: reference loaded ({feed.Records:N0} records); consuming {topics.Events} as group {group}");

        using var consumer = new ConsumerBuilder<string?, byte[]>(KafkaSettings.Consumer(bootstrap, group)).Build();
        consumer.Subscribe(topics.Events);
        var parser = new EventParser();
        long events = 0, skipped = 0, batches = 0;
        var lastMessage = Stopwatch.StartNew();
        var status = Stopwatch.StartNew();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var offsets = new Dictionary<TopicPartition, Offset>();
                var window = Stopwatch.StartNew();
                var n = 0;
                while (n < maxBatch && window.Elapsed < maxWait && !ct.IsCancellationRequested)
                {
                    var r = consumer.Consume(maxWait - window.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
                    if (r is null)
                    {
                        break;
                    }

                    n++;
                    offsets[r.TopicPartition] = r.Offset + 1;
                    var kind = r.Message.Headers?.TryGetLastBytes(KafkaSettings.InternalHeader, out var header) == true
                        ? KafkaSettings.InternalKind(Encoding.ASCII.GetString(header))
                        : InternalRecord.None;
                    if (kind != InternalRecord.None)
                    {
                        // Rechecks are the runtime's; reviews are recorded by `triage` itself, after the roster check.
                        continue;
                    }

                    var outcome = parser.Parse(r.Message.Value ?? []);
                    if (outcome.Event is { } e && StreamRuntime.Refusal(e, r.Message.Key) is null)
                    {
                        recorder.Record(e);
                        events++;
                    }
                    else
                    {
                        skipped++;
                    }
                }

                feed.Poll(Upsert, _ => { });
                if (recorder.Batch.Count > 0)
                {
                    await Write(store, recorder.Batch).ConfigureAwait(false);
                    batches++;
                }

                if (offsets.Count > 0)
                {
                    Commit(consumer, offsets);
                    lastMessage.Restart();
                }
                else if (exitWhenIdle is { } idle && lastMessage.Elapsed >= idle && consumer.Assignment.Count > 0 && CaughtUp(consumer))
                {
                    break;
                }

                if (status.Elapsed >= TimeSpan.FromSeconds(10))
                {
                    log.WriteLine($"record: {events:N0} events recorded, {skipped:N0} skipped, {batches:N0} batches");
                    status.Restart();
                }
            }
        }
        finally
        {
            consumer.Close();
        }

        return new Summary(events, skipped, batches, clock.Elapsed);
    }

    private static async Task Write(IAnalyticsStore store, AnalyticsBatch batch)
    {
        // Not cancelled midway: a batch consumed is written before the process stops, or its offsets stay uncommitted.
        await store.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        batch.Clear();
    }

    /// <summary>
    /// Every assigned partition read to its high watermark (joining the group takes seconds: idle alone is not done). A
    /// partition nothing was consumed from (empty, or the group already at its end) has no position: its committed
    /// offset, or its low watermark, says where the group stands.
    /// </summary>
    private static bool CaughtUp(IConsumer<string?, byte[]> consumer) => consumer.Assignment.All(tp =>
    {
        var marks = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5));
        var position = consumer.Position(tp);
        if (position == Offset.Unset)
        {
            var committed = consumer.Committed([tp], TimeSpan.FromSeconds(5)).Single().Offset;
            position = committed == Offset.Unset ? marks.Low : committed;
        }

        return position.Value >= marks.High.Value;
    });

    private static void Commit(IConsumer<string?, byte[]> consumer, Dictionary<TopicPartition, Offset> offsets)
    {
        try
        {
            consumer.Commit(offsets.Select(kv => new TopicPartitionOffset(kv.Key, kv.Value)));
        }
        catch (KafkaException)
        {
            // A partition revoked meanwhile: its new owner re-reads from the last commit; the rows are keyed, so no harm.
        }
    }
}
