using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.State;

/// <summary>What is known of one settlement id: whose it is, the settlement itself while kept, and whether it is reversed.</summary>
internal sealed class RegistryEntry
{
    public string? PatientId { get; set; }

    public Settlement? Settlement { get; set; }

    public bool Reversed { get; set; }

    /// <summary>
    /// A reversal that came before its settlement (contract §2). Explicit because <see cref="PatientId"/> may already
    /// name the patient the transport keyed the reversal by, so "no patient yet" no longer tells it apart.
    /// </summary>
    public bool Pending { get; set; }

    /// <summary>Service day of the settlement, or of the reversal when the settlement has not arrived.</summary>
    public int Day { get; set; }
}

/// <summary>
/// Settlement ids seen so far: duplicate deliveries are processed once, and reversals find their settlement
/// (or wait for it: a reversal may arrive first, contract §2).
/// </summary>
internal sealed class SettlementRegistry
{
    private readonly Dictionary<string, RegistryEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public RegistryEntry? Find(string settlementId) => _entries.GetValueOrDefault(settlementId);

    public RegistryEntry Add(string settlementId, RegistryEntry entry)
    {
        _entries[settlementId] = entry;
        return entry;
    }

    /// <summary>
    /// Forgets ids whose day is before the cut-off; a duplicate of one arriving later is treated as a late event.
    /// Returns what it forgot, so the patients' lists of their ids (kept for export) can forget them too.
    /// </summary>
    public IReadOnlyList<(string Id, RegistryEntry Entry)> Prune(int beforeDay)
    {
        List<(string, RegistryEntry)>? old = null;
        foreach (var (id, e) in _entries)
        {
            if (e.Day < beforeDay)
            {
                (old ??= []).Add((id, e));
            }
        }

        foreach (var (id, _) in old ?? [])
        {
            _entries.Remove(id);
        }

        return old ?? [];
    }
}
