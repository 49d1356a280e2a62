namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// What a run wrote. Event counts are distinct events; <see cref="DuplicateDeliveries"/> lines repeat one of
/// them byte for byte and <see cref="LateArrivals"/> were written out of order.
/// </summary>
public sealed record SimulationSummary
{
    public required int Patients { get; init; }

    public required int Facilities { get; init; }

    public required int Drugs { get; init; }

    public required int Diseases { get; init; }

    public required long Settlements { get; init; }

    public required long Reversals { get; init; }

    public required long Admissions { get; init; }

    public required long Discharges { get; init; }

    public required long DuplicateDeliveries { get; init; }

    public required long LateArrivals { get; init; }

    /// <summary>Lines in events.jsonl (duplicates included).</summary>
    public required long EventLines { get; init; }

    public required int Labels { get; init; }

    /// <summary>Labels per pattern name, sorted by name.</summary>
    public required IReadOnlyDictionary<string, int> LabelsByPattern { get; init; }

    /// <summary>Bytes of all six files.</summary>
    public required long BytesWritten { get; init; }
}
