namespace ChronicCare.Monitor.Contract;

/// <summary>Kind of a designated medical institution (contract §1 facility.kind).</summary>
public enum FacilityKind
{
    Hospital,
    Community,
    Clinic,
    Pharmacy,
}

/// <summary>Designation class of a facility (seed Lianyungang 三(一): 一家基层 + 一家医院).</summary>
public enum FacilityClass
{
    None,
    Grassroots,
    Hospital,
}

/// <summary>定点医药机构 (contract §1 facility).</summary>
public sealed record Facility(
    string FacilityId,
    string Name,
    FacilityKind Kind,
    int Level,
    string Region,
    bool EssentialDrugsOnly)
{
    /// <summary>The first four digits of the region code name the city (contract §1).</summary>
    public string City => Region[..4];

    /// <summary>Grassroots = level &lt;= 1, hospital = level &gt;= 2; pharmacies have no class (contract §1).</summary>
    public FacilityClass Class => Kind == FacilityKind.Pharmacy
        ? FacilityClass.None
        : Level <= 1 ? FacilityClass.Grassroots : FacilityClass.Hospital;
}
