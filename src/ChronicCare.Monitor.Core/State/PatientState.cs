using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.State;

/// <summary>An alert as last emitted, with its subject's service day (for pruning).</summary>
internal readonly record struct EmittedAlert(Alert Record, int ServiceDay);

/// <summary>
/// Everything the engine keeps for one patient: the non-reversed settlements in supply order (those not yet
/// pruned), stays, the carry of pruned history, and what was last emitted so changes can be diffed.
/// </summary>
internal sealed class PatientState
{
    public PatientState(string patientId)
    {
        PatientId = patientId;
    }

    public string PatientId { get; }

    /// <summary>Non-reversed settlements, kept sorted in supply order (contract §3).</summary>
    public List<Settlement> Settlements { get; } = [];

    public Dictionary<string, Stay> Stays { get; } = new(StringComparer.Ordinal);

    public PatientCarry? Carry { get; set; }

    /// <summary>Settlements that arrived later than the allowed lateness (their evidence says so).</summary>
    public HashSet<string>? Late { get; set; }

    public Dictionary<string, EmittedAlert> Alerts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IntegrityAction> Actions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The settlement ids the registry holds for this patient (kept, reversed, pruned, or a pending reversal keyed
    /// to it), so exporting the patient does not scan the whole registry.
    /// </summary>
    public HashSet<string> RegistryIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Card and presenter uses of pruned settlements that the engine's use index may still hold (see <see cref="PrunedUse"/>).</summary>
    public List<PrunedUse>? PrunedUses { get; set; }

    /// <summary>Review decisions on this patient's alerts and actions, by decision id; never pruned (they are few and drive sanctions).</summary>
    public Dictionary<string, ReviewDecision>? Reviews { get; set; }

    public bool Dirty { get; set; }

    public void Insert(Settlement s)
    {
        var list = Settlements;
        if (list.Count == 0 || Settlement.CompareSupplyOrder(list[^1], s) < 0)
        {
            list.Add(s);
            return;
        }

        var lo = 0;
        var hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Settlement.CompareSupplyOrder(list[mid], s) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        list.Insert(lo, s);
    }

    public bool Remove(Settlement s)
    {
        var i = Settlements.IndexOf(s);
        if (i < 0)
        {
            return false;
        }

        Settlements.RemoveAt(i);
        return true;
    }

    public Stay StayFor(string stayId)
    {
        if (!Stays.TryGetValue(stayId, out var stay))
        {
            stay = new Stay { StayId = stayId };
            Stays[stayId] = stay;
        }

        return stay;
    }
}
