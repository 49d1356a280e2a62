using System.Diagnostics;
using System.Text;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Streaming.Runtime;
using ChronicCare.Monitor.Telemetry;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>
/// `chroniccare run`'s loop: the consumer group on the events topic drives a <see cref="StreamRuntime"/>.
/// Gather a batch (at most <see cref="RunOptions.MaxBatch"/> events or <see cref="RunOptions.MaxBatchWait"/>),
/// commit it through the runtime (outputs durable, then state and offsets), then commit the offsets to Kafka.
/// When a store stays down the partitions are paused (no consumption, so no memory growth) and the same
/// commit is retried until it completes; the group keeps its membership meanwhile.
/// </summary>
public sealed class StreamRunner
{
    // Lag from the consumer's cached watermarks is cheap; while paused nothing is fetched, so the brokers are asked, less often.
    private static readonly TimeSpan LagEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PausedLagEvery = TimeSpan.FromSeconds(5);

    private readonly RunOptions _options;
    private readonly StreamRuntime _runtime;
    private readonly KafkaOutput _output;
    private readonly ILogger _log;
    private readonly HashSet<int> _toReload = [];
    private bool _paused;
    private long _assignments;
    private long _batchStart;
    private readonly Stopwatch _lagClock = new();

    public StreamRunner(RunOptions options, StreamRuntime runtime, KafkaOutput output, ILogger log)
    {
        _options = options.Validate();
        _runtime = runtime;
        _output = output;
        _log = log;
    }

    /// <summary>Where records consumed, batch durations, consumer lag and reference dead letters are counted; null = not measured.</summary>
    public MonitorMeter? Metrics { get; init; }

    /// <summary>
    /// Runs until <paramref name="ct"/> is cancelled (SIGTERM: drain, commit, leave the group) or, with ExitWhenIdle,
    /// until idle. False when the drain at the end could not commit everything (it will be replayed).
    /// </summary>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var topics = _options.Topics;
        using var reference = new ReferenceFeed(_options.Bootstrap, _options.Group, topics.Reference);
        reference.LoadToEnd(_runtime.ApplyReference, ReferenceDeadLetter, TimeSpan.FromMinutes(2), ct);
        _runtime.ReferenceApplied = reference.Position;
        RunnerLog.ReferenceLoaded(_log, reference.Records);
        _output.WarmUp(TimeSpan.FromSeconds(30));

        using var consumer = new ConsumerBuilder<string?, byte[]>(KafkaSettings.Consumer(_options.Bootstrap, _options.Group))
            .SetPartitionsAssignedHandler((c, parts) => Assigned(c, parts, ct))
            .SetPartitionsRevokedHandler((_, parts) => parts.ForEach(p => _runtime.Revoke(p.Partition.Value)))
            .SetPartitionsLostHandler((_, parts) => parts.ForEach(p => _runtime.Revoke(p.Partition.Value)))
            .SetErrorHandler((_, e) => RunnerLog.KafkaError(_log, e.Code.ToString(), e.Reason))
            .Build();
        consumer.Subscribe(topics.Events);
        RunnerLog.Started(_log, topics.Events, _options.Group);

        var status = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        var lastApplied = 0L;
        var seenAssignments = 0L;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                reference.Poll(_runtime.ApplyReference, ReferenceDeadLetter);
                _runtime.ReferenceApplied = reference.Position;
                var consumed = Gather(consumer, ct);
                if (consumed > 0 || seenAssignments != Interlocked.Read(ref _assignments))
                {
                    seenAssignments = Interlocked.Read(ref _assignments);
                    idle.Restart();
                }

                if (_runtime.HasUncommitted)
                {
                    await CommitAsync(consumer, ct).ConfigureAwait(false);
                }

                if (Metrics is { } metrics)
                {
                    if (consumed > 0)
                    {
                        metrics.BatchProcessed(Stopwatch.GetElapsedTime(_batchStart));
                    }

                    ReportLag(consumer, metrics, LagEvery, query: false);
                }

                if (status.Elapsed >= _options.StatusEvery)
                {
                    var s = _runtime.Stats;
                    RunnerLog.Status(_log, _runtime.Partitions.Count, s.EventsApplied, (s.EventsApplied - lastApplied) / status.Elapsed.TotalSeconds, s.AlertRecords, s.ActionRecords, s.DeadLetters, s.Commits);
                    lastApplied = s.EventsApplied;
                    status.Restart();
                }

                if (_options.ExitWhenIdle is { } quiet && idle.Elapsed >= quiet && _runtime.Partitions.Count > 0 && !_runtime.HasUncommitted && CaughtUp(consumer))
                {
                    RunnerLog.Idle(_log, quiet.TotalSeconds);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        // SIGTERM: what was applied is committed before the group is left (a pending commit may stay pending if a store is still down: then it replays).
        var drained = true;
        if (_runtime.HasUncommitted)
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await CommitAsync(consumer, drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                RunnerLog.DrainIncomplete(_log);
                drained = false;
            }
        }

        consumer.Close();
        RunnerLog.Stopped(_log, _runtime.Stats.EventsApplied, _runtime.Stats.Commits);
        return drained;
    }

    private int Gather(IConsumer<string?, byte[]> consumer, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var n = 0;
        while (n < _options.MaxBatch && !ct.IsCancellationRequested)
        {
            var left = _options.MaxBatchWait - clock.Elapsed;
            var r = consumer.Consume(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            if (r is null)
            {
                break;
            }

            if (r.IsPartitionEOF)
            {
                continue;
            }

            if (n == 0)
            {
                _batchStart = Stopwatch.GetTimestamp();
            }

            var kind = r.Message.Headers?.TryGetLastBytes(KafkaSettings.InternalHeader, out var header) == true
                ? KafkaSettings.InternalKind(Encoding.ASCII.GetString(header))
                : InternalRecord.None;
            _runtime.Accept(r.Partition.Value, r.Offset.Value, r.Message.Key, r.Message.Value ?? [], kind, r.Message.Timestamp.UnixTimestampMs);
            n++;
        }

        if (n > 0)
        {
            Metrics?.Consumed(n);
        }

        return n;
    }

    private async Task CommitAsync(IConsumer<string?, byte[]> consumer, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var offsets = await _runtime.CommitAsync(ct).ConfigureAwait(false);
                CommitOffsets(consumer, offsets);
                await ReloadFencedAsync(consumer, ct).ConfigureAwait(false);
                if (_paused)
                {
                    consumer.Resume(consumer.Assignment);
                    _paused = false;
                    RunnerLog.Resumed(_log);
                }

                return;
            }
            catch (StoreUnavailableException e)
            {
                if (!_paused)
                {
                    consumer.Pause(consumer.Assignment);
                    _paused = true;
                    RunnerLog.Paused(_log, e.Message);
                }

                // Stay in the group (and serve rebalances) while waiting; nothing is consumed from paused partitions.
                var stray = consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (stray is not null && !stray.IsPartitionEOF)
                {
                    // A partition assigned during the pause: rewind it and hold it paused too.
                    consumer.Seek(stray.TopicPartitionOffset);
                    consumer.Pause([stray.TopicPartition]);
                }

                if (Metrics is { } metrics)
                {
                    // Paused partitions fetch nothing, so the cached watermarks stand still while the lag grows.
                    ReportLag(consumer, metrics, PausedLagEvery, query: true);
                }

                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>A partition another process wrote past us: reload what it stored and read on from there (kept to retry if the store is down).</summary>
    private async Task ReloadFencedAsync(IConsumer<string?, byte[]> consumer, CancellationToken ct)
    {
        _toReload.UnionWith(_runtime.DrainFenced());
        foreach (var p in _toReload.ToList())
        {
            var tp = consumer.Assignment.FirstOrDefault(a => a.Partition.Value == p);
            if (tp is not null)
            {
                var next = await _runtime.AssignAsync(p, ct).ConfigureAwait(false);
                consumer.Seek(new TopicPartitionOffset(tp, next < 0 ? Offset.Beginning : new Offset(next)));
            }

            _toReload.Remove(p);
        }
    }

    private void CommitOffsets(IConsumer<string?, byte[]> consumer, IReadOnlyDictionary<int, long> offsets)
    {
        var owned = consumer.Assignment.Where(tp => offsets.ContainsKey(tp.Partition.Value))
            .Select(tp => new TopicPartitionOffset(tp, offsets[tp.Partition.Value])).ToList();
        if (owned.Count == 0)
        {
            return;
        }

        try
        {
            // Informational (lag): on assignment the runtime resumes from the offsets stored with the state.
            consumer.Commit(owned);
        }
        catch (KafkaException e)
        {
            RunnerLog.CommitFailed(_log, e.Error.Reason);
        }
    }

    /// <summary>True when every owned partition's position is at its end (as of the last fetch).</summary>
    private bool CaughtUp(IConsumer<string?, byte[]> consumer) => _toReload.Count == 0 && consumer.Assignment.All(tp => Lag(consumer, tp, consumer.GetWatermarkOffsets(tp).High) is null or 0);

    /// <summary>Messages of an owned partition beyond what was read and applied; null when its end is not known yet.</summary>
    /// <remarks>A partition resumed at its end has consumed nothing, so its position is unset: the runtime's applied offset tells.</remarks>
    private long? Lag(IConsumer<string?, byte[]> consumer, TopicPartition tp, Offset high)
    {
        if (high == Offset.Unset)
        {
            return null;
        }

        var position = consumer.Position(tp);
        var next = Math.Max(position == Offset.Unset ? 0 : position.Value, _runtime.NextOffset(tp.Partition.Value));
        return Math.Max(0, high.Value - next);
    }

    /// <summary>The lag of every owned partition to the meter, at most once per <paramref name="every"/>.</summary>
    private void ReportLag(IConsumer<string?, byte[]> consumer, MonitorMeter metrics, TimeSpan every, bool query)
    {
        if (_lagClock.IsRunning && _lagClock.Elapsed < every)
        {
            return;
        }

        _lagClock.Restart();
        var lag = new List<KeyValuePair<int, long>>();
        try
        {
            foreach (var tp in consumer.Assignment)
            {
                var high = query ? consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(1)).High : consumer.GetWatermarkOffsets(tp).High;
                if (Lag(consumer, tp, high) is { } behind)
                {
                    lag.Add(new(tp.Partition.Value, behind));
                }
            }
        }
        catch (KafkaException)
        {
            // The brokers do not answer now: the last report stands, and the pause loop is not held up a second per partition.
            return;
        }

        metrics.ReportLag(lag);
    }

    /// <summary>A reference record that could not be applied goes to the dead-letter output (and is counted there).</summary>
    private void ReferenceDeadLetter(DeadLetter deadLetter)
    {
        _output.DeadLetter(deadLetter);
        Metrics?.DeadLettered(1);
    }

    private List<TopicPartitionOffset> Assigned(IConsumer<string?, byte[]> consumer, List<TopicPartition> parts, CancellationToken ct)
    {
        Interlocked.Increment(ref _assignments);
        var result = new List<TopicPartitionOffset>(parts.Count);
        var waiting = false;
        foreach (var tp in parts)
        {
            while (true)
            {
                try
                {
                    var next = _runtime.AssignAsync(tp.Partition.Value, ct).GetAwaiter().GetResult();
                    result.Add(new TopicPartitionOffset(tp, next < 0 ? Offset.Beginning : new Offset(next)));
                    if (waiting)
                    {
                        RunnerLog.Resumed(_log);
                        waiting = false;
                    }

                    break;
                }
                catch (StoreUnavailableException e)
                {
                    // The group waits for this handler: keep it (within max.poll.interval.ms) until the state loads.
                    if (!waiting)
                    {
                        RunnerLog.Paused(_log, e.Message);
                        waiting = true;
                    }

                    Thread.Sleep(500);
                    ct.ThrowIfCancellationRequested();
                }
            }
        }

        return result;
    }
}
