namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>One drug of a regimen: the product dispensed and the daily dose in units (tablets, pens...).</summary>
internal readonly record struct RegimenItem(int Drug, double DosePerDay)
{
    /// <summary>Units for a supply of <paramref name="days"/> days (whole packs of one unit).</summary>
    public int QuantityFor(int days) => Math.Max(1, (int)Math.Ceiling((days * DosePerDay) - 1e-9));
}
