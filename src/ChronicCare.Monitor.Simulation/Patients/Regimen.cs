namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>
/// Drugs of one disease that a patient refills together at one facility with one supply length. All items of a
/// regimen share one refill schedule, so one covered-until date per regimen is the supply model's per-ingredient
/// covered_until for each of its ingredients (ingredients are never shared between a patient's regimens).
/// </summary>
internal sealed class Regimen
{
    public required int Index { get; init; }

    public required int Disease { get; init; }

    /// <summary>Where it is settled (a hospital, a grassroots facility or a pharmacy).</summary>
    public required int Facility { get; init; }

    /// <summary>For pharmacy regimens: the facility that writes the external prescription (外配处方); else -1.</summary>
    public required int PrescribingFacility { get; init; }

    /// <summary>Index into the prescribing (or settling) facility's doctors: the patient's regular doctor.</summary>
    public required int Doctor { get; init; }

    public required List<RegimenItem> Items { get; init; }

    /// <summary>28 or 30; 56 or 84 for a long prescription (长期处方, seed Wenzhou 二(四)).</summary>
    public required int Days { get; init; }

    public bool LongPrescription => Days > 30;
}
