namespace ChronicCare.Monitor.State;

/// <summary>One use of a card or of a presenter: which settlement, whose, where and when.</summary>
internal readonly record struct KeyedUse(long UtcTicks, string SettlementId, string PatientId, string FacilityId);

/// <summary>
/// Settlements indexed by a key that is not the patient: the card (R05 impossible travel) and the presenter
/// (R14). Both rules look across patients, so this state cannot live in one patient's record. Only
/// non-reversed settlements are kept; entries older than the pruning cut-off are dropped as keys are touched.
/// </summary>
internal sealed class UseIndex
{
    private const int CompactAt = 32;
    private readonly Dictionary<string, List<KeyedUse>> _uses = new(StringComparer.Ordinal);

    public int KeyCount => _uses.Count;

    public IReadOnlyList<KeyedUse> Uses(string key) => _uses.TryGetValue(key, out var list) ? list : [];

    public void Add(string key, KeyedUse use, long pruneBeforeTicks)
    {
        if (!_uses.TryGetValue(key, out var list))
        {
            list = new List<KeyedUse>(2);
            _uses[key] = list;
        }
        else if (list.Count >= CompactAt && list.Count % CompactAt == 0)
        {
            list.RemoveAll(u => u.UtcTicks < pruneBeforeTicks);
        }

        list.Add(use);
    }

    public void Remove(string key, string settlementId)
    {
        if (_uses.TryGetValue(key, out var list))
        {
            list.RemoveAll(u => string.Equals(u.SettlementId, settlementId, StringComparison.Ordinal));
            if (list.Count == 0)
            {
                _uses.Remove(key);
            }
        }
    }

    /// <summary>Replaces a key's uses wholesale (stream mode: the shared store's copy is the truth).</summary>
    public void Replace(string key, IEnumerable<KeyedUse> uses)
    {
        var list = uses.OrderBy(u => u.UtcTicks).ThenBy(u => u.SettlementId, StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            _uses.Remove(key);
        }
        else
        {
            _uses[key] = list;
        }
    }

    /// <summary>Drops the key's uses by any other patient.</summary>
    public void RetainPatient(string key, string patientId)
    {
        if (_uses.TryGetValue(key, out var list))
        {
            list.RemoveAll(u => !string.Equals(u.PatientId, patientId, StringComparison.Ordinal));
            if (list.Count == 0)
            {
                _uses.Remove(key);
            }
        }
    }

    /// <summary>Patients (other than <paramref name="except"/>) with a use of the key in [fromTicks, toTicks].</summary>
    public void PatientsBetween(string key, long fromTicks, long toTicks, string except, ISet<string> into)
    {
        if (!_uses.TryGetValue(key, out var list))
        {
            return;
        }

        foreach (var u in list)
        {
            if (u.UtcTicks >= fromTicks && u.UtcTicks <= toTicks && !string.Equals(u.PatientId, except, StringComparison.Ordinal))
            {
                into.Add(u.PatientId);
            }
        }
    }

    /// <summary>Drops every use older than the cut-off; empties keys go.</summary>
    public void Prune(long beforeTicks)
    {
        List<string>? empty = null;
        foreach (var (key, list) in _uses)
        {
            list.RemoveAll(u => u.UtcTicks < beforeTicks);
            if (list.Count == 0)
            {
                (empty ??= []).Add(key);
            }
        }

        foreach (var k in empty ?? [])
        {
            _uses.Remove(k);
        }
    }
}
