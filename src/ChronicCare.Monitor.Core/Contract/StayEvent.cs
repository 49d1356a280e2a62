namespace ChronicCare.Monitor.Contract;

/// <summary>住院 admission (contract §2).</summary>
public sealed class Admission : InputEvent
{
    public required string StayId { get; init; }
    public required string PatientId { get; init; }
    public required string FacilityId { get; init; }
    public required Timestamp AdmittedAt { get; init; }

    public override string? PartitionKey => PatientId;
}

/// <summary>出院 discharge (contract §2).</summary>
public sealed class Discharge : InputEvent
{
    public required string StayId { get; init; }
    public required string PatientId { get; init; }
    public required Timestamp DischargedAt { get; init; }

    public override string? PartitionKey => PatientId;
}
