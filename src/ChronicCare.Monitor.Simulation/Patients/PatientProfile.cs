using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>Everything fixed about one patient before their settlements are generated.</summary>
internal sealed class PatientProfile
{
    public required int Index { get; init; }

    public required string Id { get; init; }

    /// <summary>The pseudonymous person id used as presenter_id when the patient presents in person.</summary>
    public required string PersonId { get; init; }

    public required char Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required bool Employee { get; init; }

    public required bool Retired { get; init; }

    public required int City { get; init; }

    public required string Region { get; init; }

    public required string[] Cards { get; init; }

    public required List<StatusEntry> Statuses { get; init; }

    public required List<Approval> Approvals { get; init; }

    public required bool Designated { get; init; }

    public required int Grassroots { get; init; }

    public required int Hospital { get; init; }

    public required int Pharmacy { get; init; }

    public required List<Regimen> Regimens { get; init; }

    /// <summary>First day the patient is no longer active (death or transfer), or <see cref="DateOnly.MaxValue"/>.</summary>
    public DateOnly ActiveUntil { get; set; } = DateOnly.MaxValue;

    /// <summary>A spouse who is also a patient and sometimes presents this patient's card; null when none.</summary>
    public string? SpousePersonId { get; set; }

    /// <summary>A family member (not a patient) who buys on the patient's behalf (代购, method proxy).</summary>
    public required string RelativeId { get; init; }

    /// <summary>The patient's usual identification: 0 card, 1 e-voucher, 2 face.</summary>
    public required int PreferredMethod { get; init; }

    public required double ProxyRate { get; init; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Approval? ApprovalFor(int disease)
    {
        foreach (var a in Approvals)
        {
            if (a.Disease == disease)
            {
                return a;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date.Month < BirthDate.Month || (date.Month == BirthDate.Month && date.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string StatusOn(DateOnly date)
    {
        string? best = null;
        var bestFrom = DateOnly.MinValue;
        foreach (var s in Statuses)
        {
            if (s.From <= date && (best is null || s.From >= bestFrom))
            {
                best = s.Status;
                bestFrom = s.From;
            }
        }

        return best ?? "none";
    }
}
