namespace ChronicCare.Monitor.Contract;

/// <summary>Anything the engine reads from the stream: settlements, reversals, stays and reference upserts (contract §1, §2).</summary>
public abstract class InputEvent
{
    /// <summary>The Kafka key a producer gives the event (contract §2: key = patient_id); null when it has none.</summary>
    public abstract string? PartitionKey { get; }
}
