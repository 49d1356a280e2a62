namespace ChronicCare.Monitor.State;

/// <summary>
/// One patient's share of an engine's state, as persisted: the patient's own state, the registry entries of its
/// settlement ids, and the engine's clocks at export (the watermark and the last global prune), which a
/// restored engine takes the maximum of over every patient it imports.
/// </summary>
internal sealed class PatientSnapshot
{
    public required PatientState State { get; init; }

    /// <summary>The registry entries that name this patient; a kept settlement's entry refers to the object in <see cref="PatientState.Settlements"/>.</summary>
    public required IReadOnlyList<(string Id, RegistryEntry Entry)> Registry { get; init; }

    public required long WatermarkTicks { get; init; }

    public required DateOnly LastGlobalPrune { get; init; }
}
