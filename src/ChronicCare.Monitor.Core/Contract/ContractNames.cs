namespace ChronicCare.Monitor.Contract;

/// <summary>The contract's snake_case spellings of enum values and field names, both ways.</summary>
public static class ContractNames
{
    public static bool IsEventType(string type) => type is "settlement" or "reversal" or "admission" or "discharge";

    public static PrescriberTitle? PrescriberTitle(string s) => s switch
    {
        "resident" => Contract.PrescriberTitle.Resident,
        "attending" => Contract.PrescriberTitle.Attending,
        "associate_chief" => Contract.PrescriberTitle.AssociateChief,
        "chief" => Contract.PrescriberTitle.Chief,
        _ => null,
    };

    public static IdentityMethod? IdentityMethod(string s) => s switch
    {
        "card" => Contract.IdentityMethod.Card,
        "e_voucher" => Contract.IdentityMethod.EVoucher,
        "face" => Contract.IdentityMethod.Face,
        "proxy" => Contract.IdentityMethod.Proxy,
        _ => null,
    };

    public static ItemType? ItemType(string s) => s switch
    {
        "drug" => Contract.ItemType.Drug,
        "exam" => Contract.ItemType.Exam,
        "treatment" => Contract.ItemType.Treatment,
        "material" => Contract.ItemType.Material,
        _ => null,
    };

    public static FacilityKind? FacilityKind(string s) => s switch
    {
        "hospital" => Contract.FacilityKind.Hospital,
        "community" => Contract.FacilityKind.Community,
        "clinic" => Contract.FacilityKind.Clinic,
        "pharmacy" => Contract.FacilityKind.Pharmacy,
        _ => null,
    };

    public static PatientStatus? PatientStatus(string s) => s switch
    {
        "active" => Contract.PatientStatus.Active,
        "suspended" => Contract.PatientStatus.Suspended,
        "cancelled" => Contract.PatientStatus.Cancelled,
        "banned" => Contract.PatientStatus.Banned,
        "deceased" => Contract.PatientStatus.Deceased,
        "transferred" => Contract.PatientStatus.Transferred,
        _ => null,
    };

    public static InsuranceKind? Insurance(string s) => s switch
    {
        "employee" => InsuranceKind.Employee,
        "resident" => InsuranceKind.Resident,
        _ => null,
    };

    public static Gender? Gender(string s) => s switch
    {
        "M" => Contract.Gender.M,
        "F" => Contract.Gender.F,
        _ => null,
    };

    public static string Of(PatientStatus s) => s switch
    {
        Contract.PatientStatus.Active => "active",
        Contract.PatientStatus.Suspended => "suspended",
        Contract.PatientStatus.Cancelled => "cancelled",
        Contract.PatientStatus.Banned => "banned",
        Contract.PatientStatus.Deceased => "deceased",
        _ => "transferred",
    };

    public static string Of(IdentityMethod m) => m switch
    {
        Contract.IdentityMethod.Card => "card",
        Contract.IdentityMethod.EVoucher => "e_voucher",
        Contract.IdentityMethod.Face => "face",
        _ => "proxy",
    };

    /// <summary>PascalCase flag name to the contract's snake_case field name.</summary>
    public static string FieldName(string pascal) => pascal switch
    {
        "Total" => "total_amount",
        "Fund" => "fund_paid",
        "Self" => "self_paid",
        _ => string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };
}
