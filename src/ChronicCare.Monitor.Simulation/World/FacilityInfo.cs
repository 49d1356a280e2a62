namespace ChronicCare.Monitor.Simulation.World;

/// <summary>A 定点医药机构 (contract §1 facility) and its doctors; <see cref="Weight"/> is its relative popularity.</summary>
internal sealed record FacilityInfo(
    int Index,
    string Id,
    string Name,
    FacilityKind Kind,
    int Level,
    string Region,
    int City,
    bool EssentialOnly,
    Prescriber[] Prescribers,
    double Weight)
{
    public FacilityClass Class => Kind == FacilityKind.Pharmacy ? FacilityClass.None
        : Level <= 1 ? FacilityClass.Grassroots : FacilityClass.Hospital;

    /// <summary>R10(a) applies at non-pharmacy facilities of level &lt;= 2.</summary>
    public bool LimitsDrugCount => Kind != FacilityKind.Pharmacy && Level <= 2;
}
