using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reference;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Engine;

/// <summary>
/// The detection engine: applies events to state (<see cref="Apply"/>) and, on <see cref="Flush"/>, re-evaluates
/// every patient the applied events could have affected and returns the alert and action records that changed.
/// Pure: no I/O, time from the injected <see cref="TimeProvider"/>. Batch (<c>detect</c>) and stream
/// (<c>run</c>) drive the same engine; they differ only in how many events go between flushes. Not thread-safe:
/// one caller at a time (a flush may use several cores internally).
/// </summary>
public sealed partial class DetectionEngine
{
    private readonly DetectionPolicy _policy;
    private readonly ReferenceData _reference;
    private readonly TimeProvider _time;
    private readonly SettlementRegistry _registry = new();
    private readonly UseIndex _cards = new();
    private readonly UseIndex _presenters = new();
    private readonly Dictionary<string, PatientState> _patients = new(StringComparer.Ordinal);
    private readonly List<PatientState> _dirty = [];
    private readonly HashSet<string> _crossScratch = new(StringComparer.Ordinal);
    private readonly EngineView _view;
    private bool _allDirty;
    private long _watermarkTicks = long.MinValue;
    private DateOnly _lastGlobalPrune = DateOnly.MinValue;

    public DetectionEngine(DetectionPolicy policy, ReferenceData reference, TimeProvider time)
    {
        _policy = policy.Validate();
        _reference = reference;
        _time = time;
        _view = new EngineView(reference, _cards, _presenters);
    }

    public EngineStats Stats { get; } = new();

    /// <summary>
    /// When set, the month aggregates R12 and R13 read are kept as settlements count and are reversed (batch mode:
    /// one engine sees every facility's settlements; the stream judges them from the analytics store).
    /// </summary>
    public CostLedger? Costs { get; init; }

    /// <summary>
    /// The outlier model R15 scores with, read once per flush (swapping it needs no restart). Null = R15 off (its alerts
    /// are withdrawn as patients are evaluated again); a slot with no model = R15 unavailable (its alerts stand).
    /// </summary>
    public OutlierModelSlot? Outliers { get; init; }

    /// <summary>Training only: every evaluated settlement's features are written here.</summary>
    public FeatureCapture? Capture { get; init; }

    /// <summary>Cores a flush may use to evaluate patients (1 = on the caller's thread only).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    public ReferenceData Reference => _reference;

    /// <summary>Events applied since the last flush may have changed these many patients' outcomes.</summary>
    public int PendingPatients => _allDirty ? _patients.Count : _dirty.Count;

    /// <summary>The newest service date minus the allowed lateness: history before it is pruned.</summary>
    public DateOnly Horizon => _watermarkTicks == long.MinValue
        ? DateOnly.MinValue
        : DateOnly.FromDateTime(new DateTime(_watermarkTicks, DateTimeKind.Utc)).AddDays(-_policy.AllowedLatenessDays);

    public void Apply(InputEvent e)
    {
        switch (e)
        {
            case Settlement s:
                ApplySettlement(s);
                break;
            case Reversal r:
                ApplyReversal(r);
                break;
            case Admission a:
                var admitted = State(a.PatientId).StayFor(a.StayId);
                admitted.AdmittedOn = a.AdmittedAt.ServiceDate;
                admitted.FacilityId = a.FacilityId;
                Stats.Stays++;
                MarkDirty(State(a.PatientId));
                break;
            case Discharge d:
                State(d.PatientId).StayFor(d.StayId).DischargedOn = d.DischargedAt.ServiceDate;
                Stats.Stays++;
                MarkDirty(State(d.PatientId));
                break;
            case ReviewDecision review:
                // contract §5: triage decisions drive the sanction ladder; the patient is re-evaluated like after an event.
                var reviewed = State(review.PatientId);
                (reviewed.Reviews ??= new Dictionary<string, ReviewDecision>(StringComparer.Ordinal))[review.DecisionId] = review;
                Stats.Reviews++;
                MarkDirty(reviewed);
                break;
            case ReferenceUpsert u:
                _reference.Upsert(u.Record);
                Stats.ReferenceUpserts++;
                if (u.Record is Patient p)
                {
                    MarkDirty(State(p.PatientId));
                }
                else
                {
                    // A facility, drug or disease may change any patient's outcome; upserts are rare.
                    _allDirty = true;
                }

                break;
            default:
                throw new ArgumentException($"unsupported event {e.GetType().Name}", nameof(e));
        }
    }

    /// <summary>Re-evaluates the affected patients and returns what changed since the last flush.</summary>
    public EngineChanges Flush()
    {
        if (_allDirty)
        {
            foreach (var st in _patients.Values)
            {
                MarkDirty(st);
            }

            _allDirty = false;
        }

        if (_dirty.Count == 0)
        {
            _lastFlushed = [];
            return EngineChanges.None;
        }

        var batch = _dirty.ToArray();
        _lastFlushed = batch;
        _dirty.Clear();
        foreach (var st in batch)
        {
            st.Dirty = false;
        }

        var horizon = Horizon;
        var now = _time.GetUtcNow();
        var model = Outliers?.Current;
        var keepOutliers = Outliers is not null && model is null;
        var results = new PatientChanges[batch.Length];
        if (MaxDegreeOfParallelism > 1 && batch.Length >= 256)
        {
            Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism },
                () => new PatientEvaluator(_policy, model, Capture, keepOutliers),
                (i, _, evaluator) =>
                {
                    results[i] = evaluator.Evaluate(batch[i], _view, horizon, now);
                    return evaluator;
                },
                _ => { });
        }
        else
        {
            var evaluator = new PatientEvaluator(_policy, model, Capture, keepOutliers);
            for (var i = 0; i < batch.Length; i++)
            {
                results[i] = evaluator.Evaluate(batch[i], _view, horizon, now);
            }
        }

        Stats.PatientsEvaluated += batch.Length;
        var alerts = new List<Alert>();
        var actions = new List<IntegrityAction>();
        foreach (var r in results)
        {
            alerts.AddRange(r.Alerts);
            actions.AddRange(r.Actions);
            foreach (var s in r.Pruned)
            {
                if (_registry.Find(s.SettlementId) is { } entry)
                {
                    entry.Settlement = null;
                }

                Stats.SettlementsPruned++;
            }
        }

        PruneGlobal(horizon);
        return new EngineChanges(alerts, actions);
    }

    private void ApplySettlement(Settlement s)
    {
        var entry = _registry.Find(s.SettlementId);
        if (entry is not null)
        {
            if (entry.Pending)
            {
                // The reversal came first (contract §2): the settlement counts for nothing. The id is now the
                // patient's, which changes what its export holds: flushed (and so exported) like any change.
                entry.Pending = false;
                entry.Day = s.ServiceDate.DayNumber;
                MarkDirty(Claim(s.SettlementId, entry, s.PatientId));
                Stats.Settlements++;
                return;
            }

            Stats.Duplicates++;
            return;
        }

        Stats.Settlements++;
        _registry.Add(s.SettlementId, new RegistryEntry { PatientId = s.PatientId, Settlement = s, Day = s.ServiceDate.DayNumber });
        var st = State(s.PatientId);
        st.RegistryIds.Add(s.SettlementId);
        if (st.Carry is { } carry && s.ServiceDate < carry.Horizon)
        {
            (st.Late ??= new HashSet<string>(StringComparer.Ordinal)).Add(s.SettlementId);
            Stats.LateBeyondLateness++;
        }

        st.Insert(s);
        Costs?.Add(s);
        var pruneBefore = IndexCutoffTicks();
        _cards.Add(s.CardId, Use(s), pruneBefore);
        if (s.Identity.Method != IdentityMethod.Proxy)
        {
            _presenters.Add(s.Identity.PresenterId, Use(s), pruneBefore);
        }

        MarkDirty(st);
        MarkCrossPatients(s);
        _watermarkTicks = Math.Max(_watermarkTicks, s.SettledAt.UtcTicks);
    }

    private void ApplyReversal(Reversal r)
    {
        // The cost ledger keeps its own record of what it counted, pruned settlements included.
        Costs?.Remove(r.SettlementId);
        var entry = _registry.Find(r.SettlementId);
        if (entry is null)
        {
            var pending = _registry.Add(r.SettlementId, new RegistryEntry { Reversed = true, Pending = true, Day = r.ReversedAt.ServiceDate.DayNumber });
            if (r.PatientId is { } keyed)
            {
                // Kept with the patient the transport keyed it by, so the patient's export carries it.
                MarkDirty(Claim(r.SettlementId, pending, keyed));
            }

            Stats.Reversals++;
            Stats.ReversalsBeforeSettlement++;
            return;
        }

        if (entry.Reversed)
        {
            Stats.Duplicates++;
            return;
        }

        entry.Reversed = true;
        Stats.Reversals++;
        if (entry.Settlement is { } s)
        {
            var st = State(s.PatientId);
            st.Remove(s);
            _cards.Remove(s.CardId, s.SettlementId);
            if (s.Identity.Method != IdentityMethod.Proxy)
            {
                _presenters.Remove(s.Identity.PresenterId, s.SettlementId);
            }

            MarkDirty(st);
            MarkCrossPatients(s);
            entry.Settlement = null;
        }
        else
        {
            // The settlement was pruned (older than the allowed lateness): its alerts are final.
            Stats.LateBeyondLateness++;
        }
    }

    /// <summary>Patients whose R05 (same card within the travel window) or R14 (presenter window) outcome this settlement can change.</summary>
    private void MarkCrossPatients(Settlement s)
    {
        if (_useChanges is not null)
        {
            // Stream mode: the other patients may live in other partitions; the runtime finds them in the shared store.
            RecordUseChanges(s);
            return;
        }

        var t = s.SettledAt.UtcTicks;
        _crossScratch.Clear();
        var travel = TimeSpan.FromMinutes(_policy.Identity.ImpossibleTravelMinutes).Ticks;
        _cards.PatientsBetween(s.CardId, t - travel, t + travel, s.PatientId, _crossScratch);
        if (s.Identity.Method != IdentityMethod.Proxy)
        {
            _presenters.PatientsBetween(s.Identity.PresenterId, t, t + TimeSpan.FromDays(_policy.CardCollection.WindowDays).Ticks, s.PatientId, _crossScratch);
        }

        foreach (var id in _crossScratch)
        {
            MarkDirty(State(id));
        }
    }

    private static KeyedUse Use(Settlement s) => new(s.SettledAt.UtcTicks, s.SettlementId, s.PatientId, s.FacilityId);

    private long IndexCutoffTicks()
    {
        var h = Horizon;
        return h == DateOnly.MinValue ? long.MinValue : h.AddDays(-_policy.CardCollection.WindowDays - 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
    }

    private void PruneGlobal(DateOnly horizon)
    {
        if (horizon == DateOnly.MinValue || horizon.DayNumber - _lastGlobalPrune.DayNumber < 7)
        {
            return;
        }

        _lastGlobalPrune = horizon;
        var cutoff = IndexCutoffTicks();
        _cards.Prune(cutoff);
        _presenters.Prune(cutoff);
        ForgetRegistryIds(_registry.Prune(horizon.DayNumber - _policy.AllowedLatenessDays));
    }

    private PatientState State(string patientId)
    {
        if (!_patients.TryGetValue(patientId, out var st))
        {
            st = new PatientState(patientId);
            _patients[patientId] = st;
            Stats.Patients = _patients.Count;
        }

        return st;
    }

    private void MarkDirty(PatientState st)
    {
        if (!st.Dirty)
        {
            st.Dirty = true;
            _dirty.Add(st);
        }
    }
}
