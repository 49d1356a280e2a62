using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>
/// The fund's share of a settlement: higher at grassroots facilities and for retired employees, lower for
/// residents (seed Wenzhou 二(二): residents 60% at grassroots; pharmacies reimburse like level 2).
/// </summary>
internal static class FundShare
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PerMille(PatientProfile p, FacilityInfo f)
    {
        var level = f.Kind == FacilityKind.Pharmacy ? 2 : Math.Max(1, f.Level);
        var basis = p.Employee ? (p.Retired ? 950 : 900) : 650;
        return basis - ((level - 1) * 50);
    }

    /// <summary>fund_paid, rounded half up; self_paid is the rest, so the two add up to the total exactly.</summary>
    public static long FundCents(long totalCents, int perMille) => ((totalCents * perMille) + 500) / 1000;
}
