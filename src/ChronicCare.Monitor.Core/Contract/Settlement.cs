namespace ChronicCare.Monitor.Contract;

public enum PrescriberTitle
{
    Resident,
    Attending,
    AssociateChief,
    Chief,
}

public enum IdentityMethod
{
    Card,
    EVoucher,
    Face,
    Proxy,
}

public enum ItemType
{
    Drug,
    Exam,
    Treatment,
    Material,
}

/// <summary>How the person at the counter was identified (contract §2 settlement.identity).</summary>
public readonly record struct Identity(IdentityMethod Method, bool Verified, string PresenterId, decimal? FaceScore, string? ProxyId);

/// <summary>The prescription behind a settlement; <see cref="Note"/> is the 用药情况说明.</summary>
public readonly record struct Prescription(string PrescriptionId, bool LongPrescription, string? Note)
{
    public bool HasNote => !string.IsNullOrWhiteSpace(Note);
}

/// <summary>One settlement line; <see cref="DaysSupply"/> is set for drugs only.</summary>
public readonly record struct SettlementLine(int LineNo, ItemType ItemType, string ItemCode, decimal Quantity, decimal UnitPrice, decimal Amount, int? DaysSupply);

/// <summary>One outpatient chronic-benefit settlement (contract §2).</summary>
public sealed class Settlement : InputEvent
{
    public required string SettlementId { get; init; }
    public required Timestamp SettledAt { get; init; }
    public required string PatientId { get; init; }
    public required string CardId { get; init; }
    public required string FacilityId { get; init; }
    public string? PrescribingFacilityId { get; init; }
    public required string PrescriberId { get; init; }
    public required PrescriberTitle PrescriberTitle { get; init; }
    public required string DiseaseCode { get; init; }
    public required Identity Identity { get; init; }
    public required Prescription Prescription { get; init; }
    public required IReadOnlyList<SettlementLine> Lines { get; init; }
    public required decimal TotalAmount { get; init; }
    public required decimal FundPaid { get; init; }
    public required decimal SelfPaid { get; init; }

    public DateOnly ServiceDate => SettledAt.ServiceDate;

    public override string? PartitionKey => PatientId;

    /// <summary>The order of the supply model: (service date, settled_at, settlement_id) (contract §3).</summary>
    public static int CompareSupplyOrder(Settlement a, Settlement b)
    {
        var c = a.ServiceDate.CompareTo(b.ServiceDate);
        if (c != 0)
        {
            return c;
        }

        c = a.SettledAt.UtcTicks.CompareTo(b.SettledAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(a.SettlementId, b.SettlementId);
    }
}
