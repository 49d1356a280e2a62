using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.State;
using ChronicCare.Monitor.Streaming.Output;
using ChronicCare.Monitor.Streaming.State;
using ChronicCare.Monitor.Streaming.Uses;
using ChronicCare.Monitor.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;

namespace ChronicCare.Monitor.Streaming.Runtime;

/// <summary>
/// The streaming runtime without its transport: the same <see cref="DetectionEngine"/> as <c>detect</c>, one per
/// owned input partition, made effectively-once by the order of a commit:
/// <list type="number">
/// <item>shared card/presenter uses written, then read back (R05/R14 across partitions; the other patients they
/// affect are marked here or sent a recheck);</item>
/// <item>the engines flushed; the evaluated patients' state encoded;</item>
/// <item>alerts, actions, dead letters and rechecks made durable (deterministic ids: a replay only repeats them);</item>
/// <item>each partition's patients and the offset they include written in one atomic, fenced store call.</item>
/// </list>
/// Only then may the transport commit its offsets; on assignment it resumes after the stored offset, so an event
/// is in the state exactly once whatever happened to the process. The Kafka adapter drives it; stage tests drive
/// it with in-memory stores.
/// </summary>
public sealed class StreamRuntime
{
    private readonly DetectionPolicy _policy;
    private readonly ReferenceData _reference;
    private readonly TimeProvider _time;
    private readonly IPartitionStateStore _states;
    private readonly ISharedUseStore _uses;
    private readonly IStreamOutput _output;
    private readonly ResiliencePipeline _resilience;
    private readonly ILogger _log;
    private readonly string _eventsTopic;
    private readonly EventParser _parser = new();
    private readonly SortedDictionary<int, PartitionWorker> _workers = [];
    private readonly List<int> _fenced = [];
    private readonly SortedDictionary<int, Unpublished> _unpublished = [];
    private PendingCommit? _pending;
    private (long Applied, long Replayed, long DeadLetters) _counted;

    public StreamRuntime(
        DetectionPolicy policy,
        ReferenceData reference,
        TimeProvider time,
        IPartitionStateStore states,
        ISharedUseStore uses,
        IStreamOutput output,
        ResiliencePipeline resilience,
        ILogger log,
        string eventsTopic)
    {
        _policy = policy.Validate();
        _reference = reference;
        _time = time;
        _states = states;
        _uses = uses;
        _output = output;
        _resilience = resilience;
        _log = log;
        _eventsTopic = eventsTopic;
    }

    public StreamStats Stats { get; } = new();

    /// <summary>
    /// Who may send a triage decision over the events topic: the reason a decision is refused (dead-lettered), or null
    /// to apply it. Any producer of the topic can set the internal header, so the processor checks the reviewer
    /// itself (the transport's ACLs are the first line). Null: this processor accepts no decisions.
    /// </summary>
    public Func<ReviewDecision, string?>? ReviewGate { get; init; }

    /// <summary>R15's model, shared by every partition's engine and swappable while running; null = R15 off.</summary>
    public Monitor.Outliers.OutlierModelSlot? Outliers { get; init; }

    /// <summary>Where events by outcome, published alerts, actions and dead letters, and alert latency are counted; null = not measured.</summary>
    public MonitorMeter? Metrics { get; init; }

    /// <summary>
    /// Why a record of the events topic is not applied (it goes to the dead-letter output), or null. Shared with the
    /// analytics recorder, so the store never counts what the engine refused.
    /// </summary>
    public static string? Refusal(InputEvent e, string? key) => e switch
    {
        // Applied here only, it would be lost on a restart and unknown to the other processes.
        ReferenceUpsert => "a reference record on the events topic: publish it to the reference topic",
        Reversal when key is null => "a reversal without a key: its Kafka key must be the patient of the settlement it reverses",
        ReviewDecision d when d.PatientId != key => "a review keyed by another patient: its Kafka key must be its patient_id",
        _ => null,
    };

    public IReadOnlyCollection<int> Partitions => _workers.Keys;

    /// <summary>True while a commit is in progress (a store failed in mid-commit): consume nothing until it completes.</summary>
    public bool CommitPending => _pending is not null;

    /// <summary>True when events were applied that no commit has made durable yet, or saved records wait to be published.</summary>
    public bool HasUncommitted => _pending is not null || _unpublished.Count > 0 || _workers.Values.Any(w => w.HasUnsaved || w.DeadLetters.Count > 0);

    /// <summary>
    /// How far the reference topic has been applied (set by the transport). Saved with each partition's state: a
    /// partition loaded with state evaluated against an older position is re-evaluated.
    /// </summary>
    public ReferencePosition ReferenceApplied { get; set; } = ReferencePosition.None;

    /// <summary>
    /// Partitions dropped by a fence since the last call. If the group still gives them to this process, the
    /// transport reloads them (<see cref="AssignAsync"/>) and seeks to where the stored state ends.
    /// </summary>
    public IReadOnlyList<int> DrainFenced()
    {
        var fenced = _fenced.ToArray();
        _fenced.Clear();
        return fenced;
    }

    /// <summary>The offset after the last one applied on an owned partition (0 when none, or not owned).</summary>
    public long NextOffset(int partition) => _workers.TryGetValue(partition, out var w) ? w.AppliedOffset + 1 : 0;

    /// <summary>Loads a newly assigned partition's state; returns the offset to resume from (-1: from the beginning).</summary>
    public async Task<long> AssignAsync(int partition, CancellationToken ct)
    {
        var snapshot = await _resilience.Call("load partition state", t => _states.LoadAsync(partition, t), ct).ConfigureAwait(false);
        var engine = new DetectionEngine(_policy, _reference, _time) { SharedUses = true, Outliers = Outliers };
        foreach (var blob in snapshot.Patients)
        {
            engine.ImportPatient(blob);
        }

        if (snapshot.Reference.IsBehind(ReferenceApplied))
        {
            // Reference records arrived since this state was evaluated (its commit never came): evaluate it again.
            engine.MarkAllDirty();
        }

        if (snapshot.Outbox is { } outbox)
        {
            // The last owner saved these records for publishing and may have stopped before publishing them all.
            _unpublished[partition] = new Unpublished(Outbox.Decode(outbox), snapshot.Epoch, snapshot.Offset, 0);
        }

        _workers[partition] = new PartitionWorker(partition, engine, snapshot.Offset, snapshot.Epoch);
        Stats.PartitionsLoaded++;
        Stats.PatientsLoaded += snapshot.Patients.Count;
        RuntimeLog.Assigned(_log, partition, snapshot.Patients.Count, snapshot.Offset);
        return snapshot.Offset < 0 ? -1 : snapshot.Offset + 1;
    }

    /// <summary>Drops a partition (revoked or lost): what was applied beyond its stored offset is replayed by the next owner.</summary>
    public void Revoke(int partition)
    {
        // Nothing of the partition may be written after this: the next owner replays from the stored state and
        // republishes the stored outbox, and a late write of ours would land after its newer ones.
        _unpublished.Remove(partition);
        if (_workers.Remove(partition, out var w))
        {
            if (_pending is { } p)
            {
                p.Workers.Remove(w);
                p.Saves.Remove(partition);
                p.Outboxes.Remove(partition);
                if (!p.Synced)
                {
                    p.UseChanges.RemoveAll(c => c.Use.Partition == partition);
                }
            }

            RuntimeLog.Revoked(_log, partition, w.AppliedOffset - w.StoredOffset);
        }
    }

    /// <summary>Applies a reference record (read from the reference topic before the events that use it).</summary>
    public void ApplyReference(ReferenceUpsert upsert)
    {
        _reference.Upsert(upsert.Record);
        foreach (var w in _workers.Values)
        {
            if (upsert.Record is Patient p)
            {
                w.Engine.MarkDirty(p.PatientId);
            }
            else
            {
                // A facility, drug or disease can change any patient's outcome.
                w.Engine.MarkAllDirty();
            }
        }
    }

    /// <summary>
    /// Applies one message of the events topic. Messages at or below the stored offset are already in the state
    /// (a replay) and are skipped. A recheck (internal, from another partition's commit) marks the keyed patient; a
    /// review is applied when <see cref="ReviewGate"/> lets it through. <paramref name="timestampMs"/> is the message's
    /// Kafka timestamp (Unix ms, 0 when unknown), for the produce-to-alert latency.
    /// </summary>
    public void Accept(int partition, long offset, string? key, ReadOnlyMemory<byte> value, InternalRecord kind, long timestampMs = 0)
    {
        if (_pending is not null)
        {
            throw new InvalidOperationException("a commit is pending: complete it before consuming more");
        }

        if (!_workers.TryGetValue(partition, out var w))
        {
            return;
        }

        if (offset <= w.AppliedOffset)
        {
            Stats.ReplaySkipped++;
            return;
        }

        w.AppliedOffset = offset;
        if (timestampMs > 0 && (w.EarliestEventMs == 0 || timestampMs < w.EarliestEventMs))
        {
            w.EarliestEventMs = timestampMs;
        }

        if (kind == InternalRecord.Recheck)
        {
            Stats.RechecksReceived++;
            if (key is not null)
            {
                w.Engine.MarkDirty(key);
            }

            return;
        }

        var outcome = kind == InternalRecord.Review ? ReviewJson.Parse(value.Span) : _parser.Parse(value.Span);
        if (outcome.Event is not { } e)
        {
            w.DeadLetters.Add(new DeadLetter(_eventsTopic, offset, partition, outcome.Error!, value.ToArray()));
            Stats.DeadLetters++;
            return;
        }

        var refused = Refusal(e, key) ?? (e is ReviewDecision review ? ReviewRefusal(review) : null);
        if (refused is not null)
        {
            w.DeadLetters.Add(new DeadLetter(_eventsTopic, offset, partition, refused, value.ToArray()));
            Stats.DeadLetters++;
            return;
        }

        if (e is Reversal { PatientId: null } r)
        {
            // A reversal record names no patient; the message key (contract §2: patient_id) does.
            e = new Reversal { SettlementId = r.SettlementId, ReversedAt = r.ReversedAt, PatientId = key };
        }

        w.Engine.Apply(e);
        Stats.EventsApplied++;
    }

    /// <summary>
    /// Makes everything accepted so far durable (see the type's remarks) and returns, per owned partition, the next
    /// offset to commit to the transport. Throws <see cref="StoreUnavailableException"/> when a store stays down;
    /// calling again resumes the same commit.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, long>> CommitAsync(CancellationToken ct)
    {
        var phase = _time.GetTimestamp();

        // Records saved by an earlier commit (or found in a loaded partition's outbox) go out before anything new
        // is saved: a save replaces the partition's stored outbox.
        await PublishAsync(ct).ConfigureAwait(false);
        Stats.ProduceTime += Lap(ref phase);

        var p = _pending ??= Begin();
        if (!p.Synced)
        {
            await SyncUsesAsync(p, ct).ConfigureAwait(false);
            p.Synced = true;
            Stats.SyncTime += Lap(ref phase);
        }

        if (!p.Flushed)
        {
            p.Reference = ReferenceApplied;
            Flush(p);
            p.Flushed = true;
            Stats.FlushTime += Lap(ref phase);
        }

        foreach (var w in p.Workers.ToArray())
        {
            if (!p.Saves.TryGetValue(w.Partition, out var save))
            {
                continue;
            }

            var outbox = p.Outboxes.TryGetValue(w.Partition, out var o) ? o.Build() : Outbox.Empty;
            var write = new PartitionSave(save.Offset, save.Patients, outbox.IsEmpty ? [] : outbox.Encode(), p.Reference);
            var saved = await _resilience.Call("save partition state", t => _states.SaveAsync(w.Partition, w.Epoch, w.StoredOffset, write, t), ct).ConfigureAwait(false);
            p.Saves.Remove(w.Partition);
            p.Outboxes.Remove(w.Partition);
            if (!saved)
            {
                // Another process owns the partition now and has written past us: our view of it is stale.
                Stats.Fenced++;
                RuntimeLog.Fenced(_log, w.Partition);
                Revoke(w.Partition);
                _fenced.Add(w.Partition);
                continue;
            }

            Stats.AddCommitted(save.Offset - w.StoredOffset);
            w.StoredOffset = save.Offset;
            Stats.PatientsSaved += save.Patients.Count;
            if (!outbox.IsEmpty)
            {
                _unpublished[w.Partition] = new Unpublished(outbox, w.Epoch, save.Offset, o?.EarliestEventMs ?? 0);
            }
        }

        Stats.SaveTime += Lap(ref phase);
        _pending = null;
        await PublishAsync(ct).ConfigureAwait(false);
        Stats.ProduceTime += Lap(ref phase);
        Stats.Commits++;
        CountProcessed();
        return _workers.Values.Where(w => w.StoredOffset >= 0).ToDictionary(w => w.Partition, w => w.StoredOffset + 1);
    }

    /// <summary>
    /// Publishes every saved outbox. Each attempt sends every record again before waiting for the deliveries (a
    /// delivery that failed is not waited for twice), and an outbox is forgotten only once all of it is out.
    /// </summary>
    private async Task PublishAsync(CancellationToken ct)
    {
        if (_unpublished.Count == 0)
        {
            return;
        }

        var pending = _unpublished.ToList();
        await _resilience.Call(
            StoreResilience.PublishOutputs,
            async t =>
            {
                foreach (var (_, u) in pending)
                {
                    Send(u.Outbox);
                }

                await _output.FlushAsync(t).ConfigureAwait(false);
            },
            ct).ConfigureAwait(false);

        // Published: the stored outboxes need not be republished by a later owner (unless saved over since).
        foreach (var (partition, u) in pending)
        {
            await _resilience.Call("clear outbox", t => _states.ClearOutboxAsync(partition, u.Epoch, u.Offset, t), ct).ConfigureAwait(false);
        }

        _unpublished.Clear();
        var now = _time.GetUtcNow();
        foreach (var (_, u) in pending)
        {
            if (Metrics is { } metrics)
            {
                PublishedMetrics.Count(metrics, u.Outbox, u.EarliestEventMs, now);
            }

            Stats.AlertRecords += u.Outbox.Alerts.Count;
            Stats.ActionRecords += u.Outbox.Actions.Count;
            Stats.RechecksSent += u.Outbox.Rechecks.Count;
        }
    }

    private void Send(Outbox o)
    {
        foreach (var a in o.Alerts)
        {
            _output.Alert(a);
        }

        foreach (var a in o.Actions)
        {
            _output.Action(a);
        }

        foreach (var d in o.DeadLetters)
        {
            _output.DeadLetter(d);
        }

        foreach (var id in o.Rechecks)
        {
            _output.Recheck(id);
        }
    }

    private TimeSpan Lap(ref long since)
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(since, now);
        since = now;
        return elapsed;
    }

    private PendingCommit Begin()
    {
        var workers = new List<PartitionWorker>();
        var changes = new List<PartitionedUseChange>();
        foreach (var w in _workers.Values)
        {
            foreach (var c in w.Engine.DrainUseChanges())
            {
                changes.Add(new PartitionedUseChange(c.Kind, c.Key, new PartitionedUse(c.Use, w.Partition), c.Removed));
            }

            workers.Add(w);
        }

        var pending = new PendingCommit { Workers = workers, UseChanges = changes };
        foreach (var w in workers)
        {
            pending.Outboxes[w.Partition] = new OutboxBuilder();
        }

        return pending;
    }

    private async Task SyncUsesAsync(PendingCommit p, CancellationToken ct)
    {
        var uses = new Dictionary<(UseKind Kind, string Key), KeyUses>();
        var read = new HashSet<(UseKind Kind, string Key)>();
        if (p.UseChanges.Count > 0)
        {
            // Every written key drops its uses older than the cut-off (cheap when there are none).
            var cutoff = PruneBeforeTicks();
            var written = await _resilience.Call("write shared uses", t => _uses.WriteAsync(p.UseChanges, cutoff, t), ct).ConfigureAwait(false);
            read.UnionWith(p.UseChanges.Select(c => (c.Kind, c.Key)));
            foreach (var (k, list) in written)
            {
                uses[k] = list;
            }

            MarkCrossPatients(p, uses);
        }

        // Every key a patient pending evaluation reads is refreshed: other partitions may have written to it.
        var perWorker = new Dictionary<PartitionWorker, Dictionary<(UseKind Kind, string Key), string>>();
        var missing = new Dictionary<(UseKind Kind, string Key), string>();
        foreach (var w in p.Workers)
        {
            var keys = new Dictionary<(UseKind Kind, string Key), string>();
            w.Engine.CollectPendingKeys(keys);
            perWorker[w] = keys;
            foreach (var (k, patient) in keys)
            {
                if (!read.Contains(k))
                {
                    missing.TryAdd(k, patient);
                }
            }
        }

        if (missing.Count > 0)
        {
            var current = await _resilience.Call("read shared uses", t => _uses.ReadAsync(missing, t), ct).ConfigureAwait(false);
            foreach (var (k, list) in current)
            {
                uses[k] = list;
            }
        }

        foreach (var (w, keys) in perWorker)
        {
            foreach (var k in keys.Keys)
            {
                if (!uses.TryGetValue(k, out var found))
                {
                    w.Engine.ReplaceUses(k.Kind, k.Key, []);
                }
                else if (found.OnlyPatient is { } only)
                {
                    w.Engine.RetainUsesOf(k.Kind, k.Key, only);
                }
                else
                {
                    w.Engine.ReplaceUses(k.Kind, k.Key, found.Uses.Select(u => u.Use));
                }
            }
        }
    }

    /// <summary>The patients of other keys' uses whose R05 travel window (±minutes) or R14 window (the next N days) a change falls in.</summary>
    private void MarkCrossPatients(PendingCommit p, Dictionary<(UseKind Kind, string Key), KeyUses> current)
    {
        var travel = TimeSpan.FromMinutes(_policy.Identity.ImpossibleTravelMinutes).Ticks;
        var window = TimeSpan.FromDays(_policy.CardCollection.WindowDays).Ticks;
        foreach (var c in p.UseChanges)
        {
            if (!current.TryGetValue((c.Kind, c.Key), out var found))
            {
                continue;
            }

            if (found.OnlyPatient is { } only)
            {
                // One patient left on the key; if it is not the changer (a removal by another of ours), re-evaluate it.
                if (!string.Equals(only, c.Use.Use.PatientId, StringComparison.Ordinal))
                {
                    Stats.CrossPatientMarks++;
                    var holder = _workers.Values.FirstOrDefault(w => w.Engine.MarkDirty(only));
                    if (holder is not null && holder.Partition != c.Use.Partition)
                    {
                        p.Outboxes[c.Use.Partition].Rechecks.Add(only);
                    }
                }

                continue;
            }

            var t = c.Use.Use.UtcTicks;
            var (from, to) = c.Kind == UseKind.Card ? (t - travel, t + travel) : (t, t + window);
            foreach (var other in found.Uses)
            {
                var q = other.Use;
                if (q.UtcTicks < from || q.UtcTicks > to || string.Equals(q.PatientId, c.Use.Use.PatientId, StringComparison.Ordinal))
                {
                    continue;
                }

                Stats.CrossPatientMarks++;
                if (_workers.TryGetValue(other.Partition, out var owner))
                {
                    // Evaluated in this commit; the owner's save may still fail or its partition move.
                    owner.Engine.MarkDirty(q.PatientId);
                }

                if (other.Partition != c.Use.Partition)
                {
                    // Durable with the changer's state: whoever owns the patient's partition re-evaluates it.
                    p.Outboxes[c.Use.Partition].Rechecks.Add(q.PatientId);
                }
            }
        }
    }

    /// <summary>Flushes the partitions' engines in parallel (they share nothing but read-only reference data) and encodes the evaluated patients.</summary>
    private void Flush(PendingCommit p)
    {
        var results = new (EngineChanges Changes, List<KeyValuePair<string, byte[]>> Blobs)[p.Workers.Count];
        Parallel.For(0, p.Workers.Count, i =>
        {
            var engine = p.Workers[i].Engine;
            var changes = engine.Flush();
            var blobs = new List<KeyValuePair<string, byte[]>>();
            foreach (var id in engine.LastFlushedPatients)
            {
                if (engine.ExportPatient(id) is { } blob)
                {
                    blobs.Add(new(id, blob));
                }
            }

            results[i] = (changes, blobs);
        });
        for (var i = 0; i < p.Workers.Count; i++)
        {
            var w = p.Workers[i];
            var (changes, blobs) = results[i];
            var outbox = p.Outboxes[w.Partition];
            outbox.EarliestEventMs = w.EarliestEventMs;
            w.EarliestEventMs = 0;
            outbox.Alerts.AddRange(changes.Alerts);
            outbox.Actions.AddRange(changes.Actions);
            outbox.DeadLetters.AddRange(w.DeadLetters);
            w.DeadLetters.Clear();
            if (blobs.Count > 0 || w.AppliedOffset > w.StoredOffset || !outbox.IsEmpty)
            {
                p.Saves[w.Partition] = (w.AppliedOffset, blobs);
            }
        }
    }

    /// <summary>Shared uses older than every owned engine's index cut-off are dropped as keys are written.</summary>
    private long PruneBeforeTicks()
    {
        var horizon = _workers.Values.Select(w => w.Engine.Horizon).DefaultIfEmpty(DateOnly.MinValue).Min();
        return horizon == DateOnly.MinValue
            ? long.MinValue
            : horizon.AddDays(-_policy.CardCollection.WindowDays - 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
    }

    /// <summary>
    /// An outbox saved (by this process or the last owner) and not yet known to be published, with the Kafka timestamp
    /// of the earliest event of its batch (0: unknown, as for an outbox the last owner left).
    /// </summary>
    private readonly record struct Unpublished(Outbox Outbox, long Epoch, long Offset, long EarliestEventMs);

    /// <summary>Events by outcome since the last commit, from the stats (per commit, not per event: the hot path stays as it is).</summary>
    private void CountProcessed()
    {
        if (Metrics is not { } metrics)
        {
            return;
        }

        var now = (Stats.EventsApplied, Stats.ReplaySkipped, Stats.DeadLetters);
        metrics.Processed(now.EventsApplied - _counted.Applied, now.ReplaySkipped - _counted.Replayed, now.DeadLetters - _counted.DeadLetters);
        _counted = now;
    }

    private string? ReviewRefusal(ReviewDecision review) =>
        ReviewGate is { } gate ? gate(review) : "a review, and this processor accepts none (started without a reviewers roster)";
}
