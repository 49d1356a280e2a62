using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>One patient's generated history: settlements (reversed ones included) and stays.</summary>
internal sealed class PatientTimeline
{
    private int _created;

    public List<SettlementDraft> Settlements { get; } = [];

    public List<StayDraft> Stays { get; } = [];

    /// <summary>A new creation number (never reused, even after settlements are dropped): Seq and prescription.</summary>
    public int NextNumber() => ++_created;

    /// <summary>Sorts by settled_at (then creation order): the supply model's order within one patient.</summary>
    public void Sort() => Settlements.Sort(static (a, b) => a.SettledAt != b.SettledAt ? a.SettledAt.CompareTo(b.SettledAt) : a.Seq.CompareTo(b.Seq));

    /// <summary>
    /// Bumps equal times by a second so that settled_at alone orders a patient's settlements: the contract's
    /// tie-break on settlement_id then never matters, whatever ids are assigned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MakeTimesUnique()
    {
        for (var k = 1; k < Settlements.Count; k++)
        {
            if (Settlements[k].SettledAt <= Settlements[k - 1].SettledAt)
            {
                Settlements[k].SettledAt = Settlements[k - 1].SettledAt.AddSeconds(1);
            }
        }
    }

    /// <summary>Final ids, in time order: S/RX + patient number + sequence; stays A + patient number + sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AssignIds(int patientIndex)
    {
        Sort();
        MakeTimesUnique();
        for (var k = 0; k < Settlements.Count; k++)
        {
            var s = Settlements[k];
            s.PatientNumber = patientIndex + 1;
            s.Number = k + 1;
        }

        Stays.Sort(static (a, b) => a.AdmittedAt.CompareTo(b.AdmittedAt));
        for (var k = 0; k < Stays.Count; k++)
        {
            Stays[k].Id = $"A{patientIndex + 1:D8}{k + 1:D2}";
        }
    }
}
