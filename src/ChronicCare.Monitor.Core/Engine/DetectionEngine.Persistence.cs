using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Engine;

/// <summary>
/// Persistence of one patient's state, for the stream runtime, which stores every patient a flush evaluated and
/// rebuilds an engine from those blobs when it is assigned a partition. A restored engine goes on exactly as the
/// one that exported: it holds the emitted records to diff against (no re-emission, withdrawals, <c>#2</c>
/// re-issues), the patient's settlement ids (duplicates, reversals in either order), the carry of pruned history
/// and the card and presenter uses, and its watermark and pruning clock are the newest of what it imported.
/// </summary>
public sealed partial class DetectionEngine
{
    /// <summary>The patient's state as a self-contained blob (<see cref="PatientStateCodec"/>); null when the engine holds none.</summary>
    public byte[]? ExportPatient(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        if (!_patients.TryGetValue(patientId, out var st))
        {
            return null;
        }

        var registry = new List<(string, RegistryEntry)>(st.RegistryIds.Count);
        List<string>? gone = null;
        foreach (var id in st.RegistryIds)
        {
            if (_registry.Find(id) is { } entry && string.Equals(entry.PatientId, patientId, StringComparison.Ordinal))
            {
                registry.Add((id, entry));
            }
            else
            {
                (gone ??= []).Add(id);
            }
        }

        foreach (var id in gone ?? [])
        {
            st.RegistryIds.Remove(id);
        }

        // Uses the index no longer holds would come back in a restored engine: drop them as the index did.
        var indexCutoff = LastPruneIndexCutoffTicks();
        st.PrunedUses?.RemoveAll(u => u.Use.UtcTicks < indexCutoff);
        return PatientStateCodec.Encode(new PatientSnapshot { State = st, Registry = registry, WatermarkTicks = _watermarkTicks, LastGlobalPrune = _lastGlobalPrune });
    }

    /// <summary>
    /// Restores a patient from <see cref="ExportPatient"/>'s blob into this engine, which must not hold the patient
    /// yet. The patient is not marked for evaluation: nothing about it changed. Throws
    /// <see cref="InvalidDataException"/> for a blob of an unknown format version, truncated or corrupt.
    /// </summary>
    public void ImportPatient(ReadOnlySpan<byte> blob)
    {
        var snapshot = PatientStateCodec.Decode(blob);
        var st = snapshot.State;
        if (!_patients.TryAdd(st.PatientId, st))
        {
            throw new InvalidOperationException("the engine already holds state for this blob's patient (two blobs of one patient in a partition)");
        }

        Stats.Patients = _patients.Count;
        foreach (var (id, entry) in snapshot.Registry)
        {
            Restore(st, id, entry);
        }

        var watermark = snapshot.WatermarkTicks;
        foreach (var s in st.Settlements)
        {
            AddUses(PrunedUse.Of(s));
            watermark = Math.Max(watermark, s.SettledAt.UtcTicks);
        }

        foreach (var u in st.PrunedUses ?? [])
        {
            AddUses(u);
        }

        _watermarkTicks = Math.Max(_watermarkTicks, watermark);
        if (snapshot.LastGlobalPrune > _lastGlobalPrune)
        {
            _lastGlobalPrune = snapshot.LastGlobalPrune;
        }
    }

    /// <summary>For tests: the patient's state as held (null when none).</summary>
    internal PatientState? PatientStateOf(string patientId) => _patients.GetValueOrDefault(patientId);

    /// <summary>For tests: what the registry knows of a settlement id.</summary>
    internal RegistryEntry? RegistryEntryOf(string settlementId) => _registry.Find(settlementId);

    /// <summary>Gives a registry entry to a patient (a settlement's, or a pending reversal's keyed patient) and returns that patient's state.</summary>
    private PatientState Claim(string settlementId, RegistryEntry entry, string patientId)
    {
        if (entry.PatientId is { } previous && !string.Equals(previous, patientId, StringComparison.Ordinal) && _patients.TryGetValue(previous, out var was))
        {
            // The reversal was keyed to another patient than its settlement names.
            was.RegistryIds.Remove(settlementId);
        }

        entry.PatientId = patientId;
        var st = State(patientId);
        st.RegistryIds.Add(settlementId);
        return st;
    }

    /// <summary>The patients' lists of their ids forget what the registry forgot.</summary>
    private void ForgetRegistryIds(IReadOnlyList<(string Id, RegistryEntry Entry)> forgotten)
    {
        foreach (var (id, entry) in forgotten)
        {
            if (entry.PatientId is { } p && _patients.TryGetValue(p, out var st))
            {
                st.RegistryIds.Remove(id);
            }
        }
    }

    /// <summary>
    /// Re-creates a registry entry from an import. Two patients' blobs can both name an id only when a reversal was
    /// keyed to one patient and its settlement came for another: the settled entry wins over the pending one.
    /// </summary>
    private void Restore(PatientState st, string id, RegistryEntry entry)
    {
        if (_registry.Find(id) is { } existing)
        {
            if (!existing.Pending || entry.Pending)
            {
                return;
            }

            if (existing.PatientId is { } other && _patients.TryGetValue(other, out var was))
            {
                was.RegistryIds.Remove(id);
            }
        }

        _registry.Add(id, entry);
        st.RegistryIds.Add(id);
    }

    /// <summary>Indexes a restored use. No compaction (<c>long.MinValue</c>): the exporting engine held these uses.</summary>
    private void AddUses(PrunedUse u)
    {
        _cards.Add(u.CardId, u.Use, long.MinValue);
        if (u.PresenterId is { } presenter)
        {
            _presenters.Add(presenter, u.Use, long.MinValue);
        }
    }

    /// <summary>The use-index cut-off of the last global prune: the index holds every use from it on.</summary>
    private long LastPruneIndexCutoffTicks() => _lastGlobalPrune == DateOnly.MinValue
        ? long.MinValue
        : _lastGlobalPrune.AddDays(-_policy.CardCollection.WindowDays - 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
}
