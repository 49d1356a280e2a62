namespace ChronicCare.Monitor.Simulation.World;

internal enum FacilityKind
{
    Hospital,
    Community,
    Clinic,
    Pharmacy,
}

/// <summary>Contract §1: grassroots = level &lt;= 1, hospital = level &gt;= 2; pharmacies have no class.</summary>
internal enum FacilityClass
{
    None,
    Grassroots,
    Hospital,
}
