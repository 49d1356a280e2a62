namespace ChronicCare.Monitor.Contract;

/// <summary>冲正/退费: cancels a whole settlement (contract §2 reversal).</summary>
public sealed class Reversal : InputEvent
{
    public required string SettlementId { get; init; }
    public required Timestamp ReversedAt { get; init; }

    /// <summary>The patient, when the transport knows it (the Kafka key); a reversal record itself names none.</summary>
    public string? PatientId { get; init; }

    public override string? PartitionKey => PatientId;
}
