using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Engine;

/// <summary>
/// Stream mode. With events partitioned by patient, R05's card index and R14's presenter index span partitions
/// (contract §3 R14: "this state is keyed by presenter, not by patient"). In stream mode the engine does not
/// look for the other patients itself: it reports the uses it added or removed (<see cref="DrainUseChanges"/>),
/// the runtime writes them to the shared store, replaces the engine's local copy of each key it needs
/// (<see cref="ReplaceUses"/>) and marks the other patients those uses affect (<see cref="MarkDirty"/>).
/// </summary>
public sealed partial class DetectionEngine
{
    private List<UseChange>? _useChanges;
    private PatientState[] _lastFlushed = [];

    /// <summary>Stream mode (see the type's remarks); off for batch, where one engine sees every patient.</summary>
    public bool SharedUses
    {
        get => _useChanges is not null;
        init => _useChanges = value ? [] : null;
    }

    /// <summary>The patients the last <see cref="Flush"/> evaluated: those whose state changed and must be persisted.</summary>
    public IEnumerable<string> LastFlushedPatients => _lastFlushed.Select(p => p.PatientId);

    /// <summary>Uses added or removed since the last call, in application order.</summary>
    public IReadOnlyList<UseChange> DrainUseChanges()
    {
        if (_useChanges is null || _useChanges.Count == 0)
        {
            return [];
        }

        var drained = _useChanges.ToArray();
        _useChanges.Clear();
        return drained;
    }

    /// <summary>Marks a patient this engine holds for re-evaluation at the next flush; false when it holds none.</summary>
    public bool MarkDirty(string patientId)
    {
        if (!_patients.TryGetValue(patientId, out var st))
        {
            return false;
        }

        MarkDirty(st);
        return true;
    }

    /// <summary>Marks every patient (reference data shared by several engines changed under them).</summary>
    public void MarkAllDirty() => _allDirty = true;

    /// <summary>
    /// The card and presenter keys the patients pending evaluation read, each with one of those patients: the
    /// runtime refreshes them before a flush.
    /// </summary>
    public void CollectPendingKeys(IDictionary<(UseKind Kind, string Key), string> into)
    {
        IEnumerable<PatientState> pending = _allDirty ? _patients.Values : _dirty;
        foreach (var st in pending)
        {
            foreach (var s in st.Settlements)
            {
                into.TryAdd((UseKind.Card, s.CardId), st.PatientId);
                if (s.Identity.Method != IdentityMethod.Proxy)
                {
                    into.TryAdd((UseKind.Presenter, s.Identity.PresenterId), st.PatientId);
                }
            }
        }
    }

    /// <summary>
    /// Keeps only one patient's uses of a key: the shared store says that patient is its only user, and the engine
    /// already holds that patient's own uses (from its events or its imported state).
    /// </summary>
    public void RetainUsesOf(UseKind kind, string key, string patientId)
    {
        var index = kind == UseKind.Card ? _cards : _presenters;
        index.RetainPatient(key, patientId);
    }

    /// <summary>Replaces the engine's copy of one key's uses with the shared store's (which includes this engine's own).</summary>
    public void ReplaceUses(UseKind kind, string key, IEnumerable<SharedUse> uses)
    {
        var index = kind == UseKind.Card ? _cards : _presenters;
        index.Replace(key, uses.Select(u => new KeyedUse(u.UtcTicks, u.SettlementId, u.PatientId, u.FacilityId)));
    }

    private void RecordUseChanges(Settlement s)
    {
        var removed = _registry.Find(s.SettlementId)?.Reversed == true;
        var use = new SharedUse(s.SettledAt.UtcTicks, s.SettlementId, s.PatientId, s.FacilityId);
        _useChanges!.Add(new UseChange(UseKind.Card, s.CardId, use, removed));
        if (s.Identity.Method != IdentityMethod.Proxy)
        {
            _useChanges.Add(new UseChange(UseKind.Presenter, s.Identity.PresenterId, use, removed));
        }
    }
}
